import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.ts';
import { ledgerRoutes } from '../ledger/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { authHook, authRoutes } from '../modules/auth/routes.ts';
import { departmentRoutes } from '../modules/departments/routes.ts';
import { investmentRoutes } from '../modules/investment/routes.ts';
import { majorProjectRoutes } from '../modules/major-projects/routes.ts';
import { rollupRoutes } from '../modules/rollup/routes.ts';
import { userRoutes } from '../modules/users/routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import type { App } from './context.ts';
import { errorHandler } from './error-handler.ts';
import { AppError, problemOf } from './errors.ts';
import { langOf, t } from './lang.ts';
import { originGuard } from './origin-guard.ts';
import { serializerCompiler } from './serializer.ts';
import { validatorCompiler } from './validation.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; served with the API when it exists. */
  webDir?: string | null;
  trustedOrigins?: string[];
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.GAOXIN_TRUST_PROXY === 'true',
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Only JSON (and, where a module registers it, multipart) is accepted: no form posts from other sites.
  app.removeContentTypeParser('text/plain');
  app.decorate('database', opts.database);

  await app.register(cookie);
  // Ledger uploads: one file, up to 50 MB (a 100k-row ledger is ~10 MB).
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gaoxin 高新 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gaoxin_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    // Named schemas (.meta({ id })) become components, so every $ref resolves.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  originGuard(app, opts.trustedOrigins ?? []);
  authHook(app);
  authRoutes(app);
  departmentRoutes(app);
  userRoutes(app);
  auditRoutes(app);
  ledgerRoutes(app);
  reportRoutes(app);
  majorProjectRoutes(app);
  // Module routes (investment, major projects, …) are registered below.
  investmentRoutes(app);
  rollupRoutes(app);

  const webDir = opts.webDir === undefined ? WEB_DIST : opts.webDir;
  const hasWeb = webDir !== null && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files of a rebuild are served without a restart; hashed assets may be cached long.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: false, maxAge: '1h' });
    // The app's shell is never cached, so a new build reaches every tab on its next load.
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    const urlPath = req.url.split('?')[0];
    // A missing file (an old tab asking for a chunk of the previous build) is a 404, not the app's HTML.
    const looksLikeFile = urlPath.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(urlPath);
    if (hasWeb && req.method === 'GET' && !urlPath.startsWith('/api/') && !looksLikeFile) {
      // The single-page app owns every other path; its router shows the page.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const err = new AppError(404, t('请求的地址不存在', 'No such address'));
    return reply
      .status(404)
      .type('application/problem+json; charset=utf-8')
      .send(problemOf(err, langOf(req.headers['accept-language'])));
  });
  return app;
}
