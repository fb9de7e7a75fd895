import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../../api/client.ts';
import { formatRate } from '../../../components/amount.ts';
import { applyApiError } from '../../../components/formErrors.ts';
import { Loading } from '../../../components/Loading.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { type Agency, BASE, currentYear, ik, yearOptions } from '../api.ts';
import { useAgencyOnly } from '../InvestmentRoutes.tsx';
import { amountRule, fromInput, toInput } from '../money.ts';
import { Amount } from '../ui.tsx';

interface Values {
  contractStart: string;
  contractEnd: string;
  yearlyQuota: string;
  contactPerson: string;
  contactPhone: string;
  note: string;
}

function ContractForm({ agency, year, onClose }: { agency: Agency | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      request<Agency>('PUT', `${BASE}/agencies/${agency?.department.id}?year=${year}`, {
        body: {
          ...(agency?.version ? { version: agency.version } : {}),
          contractStart: v.contractStart || null,
          contractEnd: v.contractEnd || null,
          yearlyQuota: fromInput(v.yearlyQuota, 'yi') ?? '0',
          contactPerson: v.contactPerson ?? '',
          contactPhone: v.contactPhone ?? '',
          note: v.note ?? '',
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ik.all });
      onClose();
    },
    onError: (err) =>
      setError(
        applyApiError(form, err, [
          'contractStart',
          'contractEnd',
          'yearlyQuota',
          'contactPerson',
          'contactPhone',
          'note',
        ]),
      ),
  });
  return (
    <Modal
      open={agency !== null}
      onCancel={onClose}
      title={agency ? t('inv.agencies.editTitle', { name: agency.department.name }) : null}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(o) => o && setError(null)}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {agency ? (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{
            contractStart: agency.contractStart ?? '',
            contractEnd: agency.contractEnd ?? '',
            yearlyQuota: toInput(agency.yearlyQuota, 'yi'),
            contactPerson: agency.contactPerson,
            contactPhone: agency.contactPhone,
            note: agency.note,
          }}
        >
          <Flex gap={8}>
            <Form.Item name="contractStart" label={t('inv.agencies.contractStart')} style={{ flex: 1 }}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="contractEnd" label={t('inv.agencies.contractEnd')} style={{ flex: 1 }}>
              <Input type="date" />
            </Form.Item>
          </Flex>
          <Form.Item
            name="yearlyQuota"
            label={t('inv.agencies.quota')}
            rules={[amountRule(t('inv.form.amount'), 'yi')]}
          >
            <Input inputMode="decimal" suffix={t('inv.units.yi')} />
          </Form.Item>
          <Flex gap={8}>
            <Form.Item name="contactPerson" label={t('inv.agencies.contact')} style={{ flex: 1 }}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('inv.agencies.phone')} style={{ flex: 1 }}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t('inv.agreements.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

/** 第三方机构: contract, yearly quota and the progress the API computes from landed projects. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const agencyOnly = useAgencyOnly();
  const [year, setYear] = useState(currentYear());
  const [editing, setEditing] = useState<Agency | null>(null);
  const q = useQuery({
    queryKey: ik.agencies(year),
    queryFn: () => api.get<{ items: Agency[] }>(`${BASE}/agencies`, { year }),
  });
  const writable = can('investment.write') && !agencyOnly;
  return (
    <>
      <PageHeader
        title={t('inv.agencies.title')}
        extra={
          <Select
            aria-label={t('inv.year')}
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={yearOptions().map((y) => ({ value: y, label: t('inv.yearN', { year: y }) }))}
          />
        }
      />
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {q.isPending ? <Loading /> : null}
      {q.data && !q.data.items.length ? <Empty description={t('inv.agencies.none')} /> : null}
      <Row gutter={[16, 16]}>
        {(q.data?.items ?? []).map((a) => (
          <Col key={a.department.id} xs={24} xl={12}>
            <Card
              data-testid="agency"
              title={<span style={{ whiteSpace: 'normal' }}>{a.department.name}</span>}
              extra={
                writable ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(a)}>
                    {t('inv.agencies.edit')}
                  </Button>
                ) : null
              }
            >
              <Flex vertical gap={12}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={a.inContract ? 'green' : 'default'}>
                    {a.inContract ? t('inv.agencies.inContract') : t('inv.agencies.outOfContract')}
                  </Tag>
                  <Typography.Text type="secondary">
                    {a.contractStart ?? '—'} – {a.contractEnd ?? '—'}
                  </Typography.Text>
                </Flex>
                <div>
                  <Typography.Text>
                    {t('inv.agencies.progress', { year: a.year })}
                    <Amount yuan={a.landedInvestment} unit="yi" /> / <Amount yuan={a.yearlyQuota} unit="yi" />
                  </Typography.Text>
                  <Progress
                    percent={Math.min(100, a.quotaRate * 100)}
                    format={() => formatRate(a.quotaRate)}
                    status={a.quotaRate >= 1 ? 'success' : 'active'}
                    data-testid="agency-progress"
                  />
                </div>
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 3 }}
                  items={[
                    {
                      key: 'landed',
                      label: t('inv.agencies.landed'),
                      children: a.landedProjects,
                    },
                    {
                      key: 'projects',
                      label: t('inv.agencies.projects'),
                      children: a.projects,
                    },
                    { key: 'leads', label: t('inv.agencies.leads'), children: a.leads },
                    {
                      key: 'contact',
                      label: t('inv.agencies.contact'),
                      children: [a.contactPerson, a.contactPhone].filter(Boolean).join(' ') || '—',
                    },
                  ]}
                />
                {a.note ? <Typography.Text type="secondary">{a.note}</Typography.Text> : null}
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      <ContractForm agency={editing} year={year} onClose={() => setEditing(null)} />
    </>
  );
}
