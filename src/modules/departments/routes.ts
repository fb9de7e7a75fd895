import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import {
  Department,
  DepartmentCreate,
  DepartmentList,
  DepartmentListQuery,
  DepartmentUpdate,
  VersionQuery,
} from './api.ts';
import * as svc from './service.ts';

const tags = ['departments'];

export function departmentRoutes(app: App) {
  app.get(
    '/api/v1/departments',
    {
      schema: {
        tags,
        summary: '部门列表',
        querystring: DepartmentListQuery,
        response: { 200: DepartmentList, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'department.read', (tx) => svc.listDepartments(tx, req.query)),
  );
  app.post(
    '/api/v1/departments',
    { schema: { tags, summary: '新建部门', body: DepartmentCreate, response: { 201: Department, ...errorResponses } } },
    async (req, reply) => {
      const dep = await zoneTx(req, 'department.write', (tx, actor) => svc.createDepartment(tx, actor, req.body));
      return reply.status(201).send(dep);
    },
  );
  app.get(
    '/api/v1/departments/:id',
    { schema: { tags, summary: '部门详情', params: IdParams, response: { 200: Department, ...errorResponses } } },
    (req) => zoneTx(req, 'department.read', (tx) => svc.getDepartment(tx, req.params.id)),
  );
  app.patch(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: '修改部门（需带上 version）',
        params: IdParams,
        body: DepartmentUpdate,
        response: { 200: Department, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'department.write', (tx, actor) => svc.updateDepartment(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: '删除部门（可恢复）',
        params: IdParams,
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'department.write', (tx, actor) =>
        svc.deleteDepartment(tx, actor, req.params.id, req.query.version),
      );
      return noContent(reply);
    },
  );
  app.post(
    '/api/v1/departments/:id/restore',
    {
      schema: { tags, summary: '恢复已删除的部门', params: IdParams, response: { 200: Department, ...errorResponses } },
    },
    (req) => zoneTx(req, 'department.write', (tx, actor) => svc.restoreDepartment(tx, actor, req.params.id)),
  );
}
