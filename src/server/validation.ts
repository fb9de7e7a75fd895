import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { Lang } from './lang.ts';

/** Carries zod's issues to the error handler, which words them in the caller's language. */
export class ValidationFailure extends Error {
  statusCode = 400;
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('validation failed');
  }
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const r = schema.safeParse(data, { reportInput: true });
    return r.success ? { value: r.data } : { error: new ValidationFailure(r.error.issues) };
  };

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  date: '日期',
  undefined: '空',
  null: '空值',
};

function received(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** One issue, in words a person understands, in zh-CN or English. */
export function issueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  const zh = lang === 'zh-CN';
  switch (issue.code) {
    case 'invalid_type': {
      const got = received(issue.input);
      if (got === 'undefined') return zh ? '必填' : 'Required';
      return zh
        ? `应为${TYPE_ZH[issue.expected] ?? issue.expected}，收到的是${TYPE_ZH[got] ?? got}`
        : `Expected ${issue.expected}, received ${got}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return zh ? `至少 ${min} 个字符` : `Must have at least ${min} character(s)`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return zh ? `至少选择 ${min} 项` : `Must have at least ${min} item(s)`;
      return zh
        ? `不能小于${issue.inclusive ? '' : '等于'} ${min}`
        : `Must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return zh ? `最多 ${max} 个字符` : `Must have at most ${max} character(s)`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return zh ? `最多 ${max} 项` : `Must have at most ${max} item(s)`;
      return zh
        ? `不能大于${issue.inclusive ? '' : '等于'} ${max}`
        : `Must be ${issue.inclusive ? 'at most' : 'less than'} ${max}`;
    }
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return zh ? '不是有效的编号' : 'Not a valid id';
      if (issue.format === 'email') return zh ? '不是有效的电子邮箱' : 'Not a valid email address';
      if (issue.format === 'regex') return zh ? '格式不正确' : 'Invalid format';
      return zh ? `格式不正确（应为 ${issue.format}）` : `Invalid format (expected ${issue.format})`;
    case 'invalid_value':
      return zh
        ? `取值无效，可选：${issue.values.map(String).join('、')}`
        : `Invalid value; expected one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return zh ? `不认识的字段：${issue.keys.join('、')}` : `Unknown field(s): ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return zh ? `应为 ${String(issue.divisor)} 的倍数` : `Must be a multiple of ${String(issue.divisor)}`;
    case 'custom': {
      const en = (issue.params as { en?: string } | undefined)?.en;
      return zh || !en ? issue.message : en;
    }
    default:
      return zh ? '取值无效' : 'Invalid value';
  }
}

export function issueField(issue: z.core.$ZodIssue, context?: string): string {
  const p = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && p === '') return context ?? 'body';
  return p || (context ?? 'body');
}
