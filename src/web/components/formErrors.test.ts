import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { applyApiError } from './formErrors.ts';

/** A form that only records what was put on its fields. */
function fakeForm() {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const form = { setFields: (f: typeof set) => set.push(...f) } as unknown as FormInstance;
  return { form, set };
}

describe("the API's field messages on a form", () => {
  it('puts a message on its field, a list row on its own field, and the rest in the alert', () => {
    const { form, set } = fakeForm();
    const err = new ApiError(422, '提交的内容有误', [
      { field: 'key', message: '已存在' },
      { field: 'plans.1.annualPlan', message: '金额有误' },
      { field: 'roles.1', message: '无效角色' },
      { field: 'investmentProjectId', message: '只能列入签约项目' },
    ]);
    const rest = applyApiError(form, err, ['key', 'roles', 'plans.0.annualPlan', 'plans.1.annualPlan']);
    expect(set).toEqual([
      { name: ['key'], errors: ['已存在'] },
      { name: ['plans', 1, 'annualPlan'], errors: ['金额有误'] },
      { name: ['roles'], errors: ['无效角色'] },
    ]);
    expect(rest).toBe('提交的内容有误（investmentProjectId: 只能列入签约项目）');
  });

  it('leaves no alert when every message found its field', () => {
    const { form } = fakeForm();
    const err = new ApiError(409, '提交的内容有误', [{ field: 'plan.year', message: '重复' }]);
    expect(applyApiError(form, err, ['plan.year'])).toBeNull();
  });
});
