import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../api/client.ts';
import { useDepartments } from '../../../api/queries.ts';
import { applyApiError, isStale } from '../../../components/formErrors.ts';
import { Loading } from '../../../components/Loading.tsx';
import { useMe } from '../../../components/MeContext.tsx';
import { BASE, mk, type Settings, useSettings } from '../api.ts';

/** The lag thresholds are fractions in the API; people set them in percent. */
type Values = Omit<Settings, 'version' | 'lagYellow' | 'lagRed'> & { lagYellowPct: number; lagRedPct: number };
const COUNTS = ['missing', 'overdue', 'lateMilestone'] as const;
const FIELDS = [
  'reportDueDay',
  'coordinatingDepartmentId',
  'lagYellowPct',
  'lagRedPct',
  ...COUNTS.flatMap((c) => [`${c}Yellow`, `${c}Red`]),
] as const;

const toValues = (s: Settings): Values => {
  const { version: _v, lagYellow, lagRed, ...rest } = s;
  return { ...rest, lagYellowPct: Math.round(lagYellow * 10000) / 100, lagRedPct: Math.round(lagRed * 10000) / 100 };
};

/** The report due day and the rules that colour projects; an admin changes them, everyone else reads them. */
export function SettingsForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isAdmin = useMe().roles.includes('admin');
  const q = useSettings();
  const departments = useDepartments();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.data) form.setFieldsValue(toValues(q.data));
  }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const { lagYellowPct, lagRedPct, ...rest } = v;
      // Map the API's field names (lagYellow) back onto the percent inputs for messages.
      return request<Settings>('PUT', `${BASE}/settings`, {
        body: { ...rest, lagYellow: lagYellowPct / 100, lagRed: lagRedPct / 100, version: q.data?.version ?? 0 },
      });
    },
    onSuccess: (s) => {
      qc.setQueryData(mk.settings, s);
      void qc.invalidateQueries({ queryKey: mk.all });
      void message.success(t('app.saved'));
    },
    onError: (err) => {
      const renamed = err as { fields?: { field: string }[] };
      for (const f of renamed.fields ?? []) if (f.field.startsWith('lag')) f.field = `${f.field}Pct`;
      setError(applyApiError(form, err, FIELDS));
      if (isStale(err)) void q.refetch();
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const count = (name: string) => (
    <Form.Item name={name} label={t(`major.settings.${name}`)}>
      <InputNumber min={0} max={100} precision={0} disabled={!isAdmin} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Card size="small" style={{ maxWidth: 820 }}>
      <Typography.Paragraph type="secondary">{t('major.settings.hint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="settings-form"
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="reportDueDay" label={t('major.settings.reportDueDay')}>
              <InputNumber min={1} max={28} precision={0} disabled={!isAdmin} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="lagYellowPct" label={t('major.settings.lagYellow')}>
              <InputNumber min={-100} max={0} step={1} suffix="%" disabled={!isAdmin} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="lagRedPct" label={t('major.settings.lagRed')}>
              <InputNumber min={-100} max={0} step={1} suffix="%" disabled={!isAdmin} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {COUNTS.map((c) => (
            <Col key={c} xs={24} sm={8}>
              <Row gutter={8}>
                <Col span={12}>{count(`${c}Yellow`)}</Col>
                <Col span={12}>{count(`${c}Red`)}</Col>
              </Row>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary">{t('major.settings.zeroOff')}</Typography.Paragraph>
        <Form.Item
          name="coordinatingDepartmentId"
          label={t('major.settings.coordinatingDepartmentId')}
          extra={t('major.settings.coordinatingHint')}
          normalize={(v) => v ?? null}
        >
          <Select
            allowClear
            disabled={!isAdmin}
            loading={departments.isPending}
            style={{ maxWidth: 360 }}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            data-testid="coordinating-department"
          />
        </Form.Item>
        {isAdmin ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('app.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('major.settings.adminOnly')}</Typography.Text>
        )}
      </Form>
    </Card>
  );
}
