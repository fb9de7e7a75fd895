import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../api/client.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { applyApiError } from '../../../components/formErrors.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, type Evaluation, ik, type Project } from '../api.ts';
import { amountRule, fromInput, toInput } from '../money.ts';

interface YearValues {
  output: string;
  tax: string;
  incentives: string;
}
interface Values {
  firstYear: number | null;
  landAreaMu: string;
  industryFit: string;
  recommendation: string;
  decision: 'pending' | 'approve' | 'reject';
  decidedBy: string;
  decidedOn: string;
  years: YearValues[];
}
const FIELDS = [
  'firstYear',
  'landAreaMu',
  'industryFit',
  'recommendation',
  'decision',
  'decidedBy',
  'decidedOn',
  'years',
];

const valuesOf = (p: Project, e: Evaluation | null): Values =>
  e
    ? {
        firstYear: e.firstYear,
        landAreaMu: e.landAreaMu,
        industryFit: e.industryFit,
        recommendation: e.recommendation,
        decision: e.decision,
        decidedBy: e.decidedBy,
        decidedOn: e.decidedOn ?? '',
        years: e.years.map((y) => ({
          output: toInput(y.output),
          tax: toInput(y.tax),
          incentives: toInput(y.incentives),
        })),
      }
    : {
        firstYear: null,
        landAreaMu: p.landAreaMu ?? '',
        industryFit: '',
        recommendation: '',
        decision: 'pending',
        decidedBy: '',
        decidedOn: '',
        years: Array.from({ length: 5 }, () => ({ output: '', tax: '', incentives: '' })),
      };

/** The evaluation's inputs: land, yearly output, tax and promised incentives (万元); the API computes the rest. */
export function EvaluationForm(props: {
  open: boolean;
  project: Project;
  evaluation: Evaluation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      request<Evaluation>('PUT', `${BASE}/projects/${props.project.id}/evaluation`, {
        body: {
          ...(props.evaluation ? { version: props.evaluation.version } : {}),
          firstYear: v.firstYear ?? null,
          landAreaMu: (v.landAreaMu ?? '').trim(),
          industryFit: v.industryFit ?? '',
          recommendation: v.recommendation ?? '',
          decision: v.decision,
          decidedBy: v.decidedBy ?? '',
          decidedOn: v.decidedOn || null,
          years: v.years.map((y) => ({
            output: fromInput(y.output) ?? '0',
            tax: fromInput(y.tax) ?? '0',
            incentives: fromInput(y.incentives) ?? '0',
          })),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ik.sub(props.project.id, 'evaluation') });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, FIELDS)),
  });
  const amount = amountRule(t('inv.form.amount'));
  const wan = t('inv.units.wan');
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={props.evaluation ? t('inv.evaluation.edit') : t('inv.evaluation.create')}
      width={720}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(props.project, props.evaluation)}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item
              name="landAreaMu"
              label={t('inv.fields.landAreaMu')}
              rules={[{ required: true, message: t('inv.form.required') }]}
            >
              <Input inputMode="decimal" suffix={t('inv.units.mu')} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="firstYear" label={t('inv.evaluation.firstYear')}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('inv.evaluation.yearsTitle', { unit: wan })}</Typography.Text>
        <Form.List name="years">
          {(rows, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8, marginBottom: 16 }}>
              {rows.map((r, i) => (
                <Flex key={r.key} gap={6} align="start" wrap={isPhone}>
                  <Typography.Text style={{ width: isPhone ? '100%' : 64, paddingTop: 5 }}>
                    {t('inv.evaluation.yearN', { n: i + 1 })}
                  </Typography.Text>
                  {(['output', 'tax', 'incentives'] as const).map((f) => (
                    <Form.Item
                      key={f}
                      name={[r.name, f]}
                      rules={[amount]}
                      style={{ flex: 1, minWidth: 90, marginBottom: 4 }}
                    >
                      <Input
                        inputMode="decimal"
                        placeholder={t(`inv.evaluation.${f}`)}
                        aria-label={`${t('inv.evaluation.yearN', { n: i + 1 })} ${t(`inv.evaluation.${f}`)}`}
                      />
                    </Form.Item>
                  ))}
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('app.delete')}
                    disabled={rows.length <= 1}
                    onClick={() => remove(r.name)}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ output: '', tax: '', incentives: '' })}
                  disabled={rows.length >= 50}
                >
                  {t('inv.evaluation.addYear')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="industryFit" label={t('inv.evaluation.industryFit')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="recommendation" label={t('inv.evaluation.recommendation')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={isPhone ? 24 : 8}>
            <Form.Item name="decision" label={t('inv.evaluation.decision')}>
              <Select
                options={(['pending', 'approve', 'reject'] as const).map((d) => ({
                  value: d,
                  label: t(`inv.decisions.${d}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="decidedBy" label={t('inv.evaluation.decidedBy')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={isPhone ? 12 : 8}>
            <Form.Item name="decidedOn" label={t('inv.evaluation.decidedOn')}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
