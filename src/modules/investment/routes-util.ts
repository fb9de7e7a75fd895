import type { FastifyRequest } from 'fastify';
import { langOf } from '../../server/lang.ts';
import type { Warn } from './companies.ts';

/** Routes of the investment module share its tag in the OpenAPI document. */
export const tags = ['investment'];
export const BASE = '/api/v1/investment';

/** Words a service's warnings in the caller's language. */
export function worded<T extends { warnings: Warn[] }>(req: FastifyRequest, r: T) {
  const lang = langOf(req.headers['accept-language']);
  return { ...r, warnings: r.warnings.map((w) => ({ ...w, message: w.message[lang] })) };
}
