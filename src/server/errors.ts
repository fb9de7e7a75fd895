import type { Lang, Text } from './lang.ts';
import { t } from './lang.ts';

export interface FieldProblem {
  /** Dotted path of the field, e.g. `roles.1`; or for a file, `row 5, 总投资(万元)`. */
  field: string;
  message: string;
}

/** An error the caller caused or may see; anything else becomes a logged 500. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: Text,
    readonly fields: { field: string; message: Text }[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(title.en);
  }
}

export const notFound = () => new AppError(404, t('记录不存在', 'Not found'));
export const forbidden = () => new AppError(403, t('没有权限执行此操作', 'You are not allowed to do this'));
export const unauthorized = () => new AppError(401, t('请先登录', 'Please log in'));
export const staleVersion = () =>
  new AppError(
    409,
    t('记录已被他人修改，请刷新后重试', 'The record was changed by someone else; reload and try again'),
  );
export const fieldError = (field: string, message: Text, status = 422) =>
  new AppError(status, t('提交的内容有误', 'The request has invalid fields'), [{ field, message }]);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

export function problemOf(err: AppError, lang: Lang): Problem {
  const p: Problem = { type: 'about:blank', title: err.title[lang], status: err.status };
  if (err.fields.length > 0) {
    p.errors = err.fields.map((f) => ({ field: f.field, message: f.message[lang] }));
    p.detail = p.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  }
  return p;
}
