import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueMessage, type ValidationFailure, validatorCompiler } from './validation.ts';

/** What a person reads when a field is refused, for the values people actually type. */
const messages = (schema: z.ZodType, input: unknown) => {
  // Through the routes' own validator, which keeps the refused value in each issue.
  const r = validatorCompiler({ schema, method: 'GET', url: '/', httpPart: 'querystring' })(input) as {
    error?: ValidationFailure;
  };
  if (!r.error) throw new Error('expected a refusal');
  return r.error.issues.map((i) => [issueMessage(i, 'zh-CN'), issueMessage(i, 'en')]);
};

describe('validation messages', () => {
  it('says a number is expected when a query value is not one (coerced to NaN), not "received a number"', () => {
    const year = z.object({ year: z.coerce.number().int() });
    expect(messages(year, { year: 'abc' })).toEqual([['应为数字', 'Expected a number']]);
  });

  it('names the type received otherwise, and asks for a missing value', () => {
    const name = z.object({ name: z.string() });
    expect(messages(name, { name: 12 })).toEqual([['应为文本，收到的是数字', 'Expected string, received number']]);
    expect(messages(name, {})).toEqual([['必填', 'Required']]);
  });
});
