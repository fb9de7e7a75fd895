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
    const issues: z.core.$ZodIssue[] = r.success ? [] : [...r.error.issues];
    const seen = new Set(issues.map((i) => i.path.join('.')));
    for (const path of nulPaths(data)) {
      if (!seen.has(path.join('.'))) issues.push(nulIssue(path));
    }
    return r.success && issues.length === 0 ? { value: r.data } : { error: new ValidationFailure(issues) };
  };

// PostgreSQL text cannot hold U+0000: refuse it here, naming the field, instead of failing in the database.
const nulIssue = (path: PropertyKey[]): z.core.$ZodIssue => ({
  code: 'custom',
  path,
  message: '不能包含空字符（\\0）',
  params: { en: 'Must not contain the NUL character (\\0)' },
  input: undefined,
});

/** Paths of every string (or key) holding U+0000; iterative and linear, as bodies may nest deeply. */
function nulPaths(data: unknown): PropertyKey[][] {
  interface Node {
    v: unknown;
    key: PropertyKey | null;
    up: Node | null;
  }
  const pathOf = (n: Node | null, last?: PropertyKey): PropertyKey[] => {
    const p: PropertyKey[] = last === undefined ? [] : [last];
    for (let c = n; c && c.key !== null; c = c.up) p.unshift(c.key);
    return p;
  };
  const out: PropertyKey[][] = [];
  const stack: Node[] = [{ v: data, key: null, up: null }];
  while (stack.length > 0 && out.length < 20) {
    const n = stack.pop() as Node;
    if (typeof n.v === 'string') {
      if (n.v.includes('\0')) out.push(pathOf(n));
    } else if (Array.isArray(n.v)) {
      for (let i = n.v.length - 1; i >= 0; i--) stack.push({ v: n.v[i], key: i, up: n });
    } else if (n.v !== null && typeof n.v === 'object') {
      for (const [k, x] of Object.entries(n.v)) {
        if (k.includes('\0')) out.push(pathOf(n, k));
        else stack.push({ v: x, key: k, up: n });
      }
    }
  }
  return out;
}

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
      // A query value coerced to a number that is not one (`year=abc` → NaN): zod calls it a number.
      if (Number.isNaN(issue.input)) return zh ? '应为数字' : 'Expected a number';
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
