import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useDepartments } from '../../../api/queries.ts';
import { applyApiError, isStale } from '../../../components/formErrors.ts';
import { BASE, CATEGORY_LIST, chinaToday, type Issue, type IssueCategory, type IssueStatus, mk } from '../api.ts';

export type StepName = 'assign' | 'handle' | 'respond' | 'review' | 'close';

/** The steps the API takes from each status (issues.ts NEXT): the buttons a status shows. */
export const NEXT_STEPS: Record<IssueStatus, StepName[]> = {
  open: ['assign'],
  assigned: ['handle', 'assign'],
  handling: ['respond'],
  responded: ['review'],
  reviewed: ['close'],
  closed: [],
};

interface Values {
  on: string;
  note?: string;
  departmentId?: string;
  deadlineWorkdays?: number;
  category?: IssueCategory;
  passed?: boolean;
}
const FIELDS = ['on', 'note', 'departmentId', 'deadlineWorkdays', 'category', 'passed'] as const;

/** One step of the loop in a dialog: its own fields, the date (today unless changed) and a note. */
function StepModal({ issue, step, onClose }: { issue: Issue; step: StepName | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const departments = useDepartments({}, step === 'assign');
  const passed = Form.useWatch('passed', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Issue>(`${BASE}/issues/${issue.id}/steps`, {
        step,
        version: issue.version,
        on: v.on || undefined,
        note: v.note?.trim() ?? '',
        ...(step === 'assign'
          ? { departmentId: v.departmentId, deadlineWorkdays: v.deadlineWorkdays, category: v.category }
          : {}),
        ...(step === 'review' ? { passed: v.passed } : {}),
      }),
    onSuccess: (next) => {
      void message.success(t('major.issues.stepDone', { step: t(`major.steps.${step}`) }));
      qc.setQueryData(mk.issue(issue.id), next);
      void qc.invalidateQueries({ queryKey: mk.all });
      onClose();
    },
    onError: (err) => {
      const text = applyApiError(form, err, FIELDS);
      setError(text ?? null);
      // Someone moved the issue on first: show its current state.
      if (isStale(err)) void qc.invalidateQueries({ queryKey: mk.issue(issue.id) });
    },
  });
  const noteLabel =
    step === 'respond'
      ? t('major.issues.result')
      : step === 'review' && passed === false
        ? t('major.issues.rejectReason')
        : t('major.fields.note');
  return (
    <Modal
      open={step !== null}
      title={step ? t(`major.steps.${step}`) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('major.issues.submitStep')}
      cancelText={t('app.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          on: chinaToday(),
          category: issue.category,
          departmentId: issue.departmentId ?? undefined,
          deadlineWorkdays: issue.deadlineWorkdays ?? 10,
          passed: true,
        }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        {step === 'assign' ? (
          <>
            <Form.Item
              name="departmentId"
              label={t('major.fields.responsible')}
              rules={[{ required: true, message: t('major.issues.needDepartment') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item
                name="deadlineWorkdays"
                label={t('major.issues.deadlineWorkdays')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={250} precision={0} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="category" label={t('major.fields.category')}>
                <Select
                  style={{ width: 140 }}
                  options={CATEGORY_LIST.map((c) => ({ value: c, label: t(`major.categories.${c}`) }))}
                />
              </Form.Item>
            </Flex>
          </>
        ) : null}
        {step === 'review' ? (
          <Form.Item name="passed" label={t('major.issues.reviewResult')}>
            <Radio.Group
              options={[
                { value: true, label: t('major.issues.passed') },
                { value: false, label: t('major.issues.rejected') },
              ]}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="on" label={t('major.issues.stepDate')}>
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item
          name="note"
          label={noteLabel}
          rules={
            step === 'respond' || (step === 'review' && passed === false)
              ? [{ required: true, whitespace: true, message: t('major.issues.needNote', { field: noteLabel }) }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The buttons for the steps the issue's status allows, each opening its dialog. */
export function StepButtons({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<StepName | null>(null);
  const steps = NEXT_STEPS[issue.status];
  if (steps.length === 0) return null;
  return (
    <>
      <Flex gap={8} wrap data-testid="step-buttons">
        {steps.map((s, i) => (
          <Button key={s} type={i === 0 ? 'primary' : 'default'} onClick={() => setStep(s)} data-testid={`step-${s}`}>
            {s === 'assign' && issue.status === 'assigned' ? t('major.issues.reassign') : t(`major.steps.${s}`)}
          </Button>
        ))}
      </Flex>
      <StepModal issue={issue} step={step} onClose={() => setStep(null)} />
    </>
  );
}
