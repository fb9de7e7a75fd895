import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isConnectionError } from '../db/tx.ts';
import { AppError, problemOf } from './errors.ts';
import { langOf, t } from './lang.ts';
import { issueField, issueMessage, ValidationFailure } from './validation.ts';

const PG_ERRORS: Record<string, AppError> = {
  '23505': new AppError(409, t('与已有记录重复', 'This duplicates an existing record')),
  '23503': new AppError(422, t('引用的记录不存在', 'A referenced record does not exist')),
  '23514': new AppError(422, t('取值不符合规则', 'A value breaks a rule')),
  '22P02': new AppError(400, t('取值格式不正确', 'A value has the wrong format')),
  '22001': new AppError(400, t('内容过长', 'A value is too long')),
  '22003': new AppError(400, t('数值超出范围', 'A number is out of range')),
  // NUL and other characters the database cannot store (a safety net behind validation).
  '22021': new AppError(400, t('内容含有无法保存的字符', 'A value holds a character that cannot be stored')),
  '22P05': new AppError(400, t('内容含有无法保存的字符', 'A value holds a character that cannot be stored')),
  '40001': new AppError(409, t('并发修改冲突，请重试', 'Concurrent change; try again')),
  '40P01': new AppError(409, t('并发修改冲突，请重试', 'Concurrent change; try again')),
  // statement_timeout (GAOXIN_QUERY_TIMEOUT_MS): nothing was changed; the server may be busy.
  '57014': new AppError(503, t('数据库处理超时，请稍后重试', 'The database took too long; try again shortly'), [], {
    'retry-after': '5',
  }),
};

const FASTIFY_TITLES: Record<number, ReturnType<typeof t>> = {
  400: t('请求格式不正确', 'Malformed request'),
  404: t('请求的地址不存在', 'No such address'),
  405: t('不支持此方法', 'Method not allowed'),
  406: t('无法提供所请求的格式', 'Not acceptable'),
  413: t('请求内容过大', 'Request body too large'),
  415: t('只接受 application/json 或文件上传', 'Only application/json or multipart uploads are accepted'),
  429: t('请求过于频繁', 'Too many requests'),
};

/** The database's SQLSTATE behind an error, also when Drizzle wrapped the driver's error (its `cause`). */
function databaseCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && PG_ERRORS[code]) return code;
  }
  return null;
}

/** Every error leaves as RFC 9457 problem+json in the caller's language; only real faults are 500s. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  const lang = langOf(req.headers['accept-language']);
  let app: AppError;
  if (err instanceof ValidationFailure) {
    const ctx = err.validationContext;
    app = new AppError(
      400,
      t('提交的内容有误', 'The request has invalid fields'),
      err.issues.map((i) => ({
        field: issueField(i, ctx),
        message: { 'zh-CN': issueMessage(i, 'zh-CN'), en: issueMessage(i, 'en') },
      })),
    );
  } else if (err instanceof AppError) {
    app = err;
  } else if (databaseCode(err)) {
    app = PG_ERRORS[databaseCode(err) as string];
  } else if (isConnectionError(err)) {
    app = new AppError(503, t('数据库暂时不可用，请稍后重试', 'The database is unavailable; try again shortly'), [], {
      'retry-after': '5',
    });
    req.log.warn({ err }, 'database unavailable');
  } else {
    const status = (err as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      app = new AppError(status, FASTIFY_TITLES[status] ?? FASTIFY_TITLES[400]);
    } else {
      req.log.error({ err }, 'unhandled error');
      app = new AppError(500, t('服务器内部错误', 'Internal server error'));
    }
  }
  for (const [k, v] of Object.entries(app.headers)) reply.header(k, v);
  return reply.status(app.status).type('application/problem+json; charset=utf-8').send(problemOf(app, lang));
}
