import { type App, noContent, zoneTx } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/schemas.ts';
import { VersionQuery } from '../departments/api.ts';
import { User, UserCreate, UserList, UserListQuery, UserUpdate } from './api.ts';
import * as svc from './service.ts';

const tags = ['users'];

export function userRoutes(app: App) {
  app.get(
    '/api/v1/users',
    {
      schema: { tags, summary: '用户列表', querystring: UserListQuery, response: { 200: UserList, ...errorResponses } },
    },
    (req) => zoneTx(req, 'user.read', (tx) => svc.listUsers(tx, req.query)),
  );
  app.post(
    '/api/v1/users',
    { schema: { tags, summary: '新建用户', body: UserCreate, response: { 201: User, ...errorResponses } } },
    async (req, reply) => {
      const user = await zoneTx(req, 'user.write', (tx, actor) => svc.createUser(tx, actor, req.body));
      return reply.status(201).send(user);
    },
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: '用户详情', params: IdParams, response: { 200: User, ...errorResponses } } },
    (req) => zoneTx(req, 'user.read', (tx) => svc.getUser(tx, req.params.id)),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: '修改用户（需带上 version）',
        params: IdParams,
        body: UserUpdate,
        response: { 200: User, ...errorResponses },
      },
    },
    (req) => zoneTx(req, 'user.write', (tx, actor) => svc.updateUser(tx, actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: '停用并删除用户（可恢复）',
        params: IdParams,
        querystring: VersionQuery,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      await zoneTx(req, 'user.write', (tx, actor) => svc.deleteUser(tx, actor, req.params.id, req.query.version));
      return noContent(reply);
    },
  );
  app.post(
    '/api/v1/users/:id/restore',
    { schema: { tags, summary: '恢复已删除的用户', params: IdParams, response: { 200: User, ...errorResponses } } },
    (req) => zoneTx(req, 'user.write', (tx, actor) => svc.restoreUser(tx, actor, req.params.id)),
  );
}
