import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { applyApiError } from '../../../components/formErrors.ts';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import {
  BASE,
  COMPANY_TAGS,
  type Company,
  type CompanyTag,
  ik,
  type Saved,
  TOP500_LISTS,
  type Top500List,
} from '../api.ts';
import { SimilarNames } from './SimilarNames.tsx';

interface Values {
  name: string;
  uscc: string;
  industryCode: string;
  industry: string;
  region: string;
  tags: CompanyTag[];
  top500: { list: Top500List; year: number | null }[];
  contacts: { name: string; title: string; phone: string; email: string }[];
  notes: string;
}
const FIELDS = ['name', 'uscc', 'industryCode', 'industry', 'region', 'tags', 'top500', 'contacts', 'notes'];

const valuesOf = (c: Company | null): Values => ({
  name: c?.name ?? '',
  uscc: c?.uscc ?? '',
  industryCode: c?.industryCode ?? '',
  industry: c?.industry ?? '',
  region: c?.region ?? '',
  tags: c?.tags ?? [],
  top500: c?.top500 ?? [],
  contacts: c?.contacts ?? [],
  notes: c?.notes ?? '',
});

/** Create or edit a company: USCC checked by the API, near names warned about while typing. */
export function CompanyForm(props: { open: boolean; record: Company | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const name = Form.useWatch('name', form);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        uscc: v.uscc?.trim() || null,
        industryCode: v.industryCode?.trim() || null,
        industry: v.industry ?? '',
        region: v.region ?? '',
        tags: v.tags ?? [],
        top500: (v.top500 ?? []).map((m) => ({ list: m.list, year: m.year ?? null })),
        contacts: (v.contacts ?? []).map((c) => ({
          name: c.name,
          title: c.title ?? '',
          phone: c.phone ?? '',
          email: c.email ?? '',
        })),
        notes: v.notes ?? '',
      };
      const r = props.record;
      return r
        ? api.patch<Saved<Company>>(`${BASE}/companies/${r.id}`, { ...body, version: r.version })
        : api.post<Saved<Company>>(`${BASE}/companies`, body);
    },
    onSuccess: (c) => {
      void message.success(t('app.saved'));
      for (const w of c.warnings ?? []) void message.warning(w.message, 6);
      void qc.invalidateQueries({ queryKey: ik.all });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, FIELDS)),
  });
  const half = isPhone ? 24 : 12;
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={props.record ? t('inv.companies.edit') : t('inv.companies.create')}
      width={640}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(props.record)}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('inv.companies.name')}
          rules={[{ required: true, message: t('inv.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <SimilarNames name={name} excludeId={props.record?.id} />
        <Row gutter={12}>
          <Col span={half}>
            <Form.Item name="uscc" label={t('inv.fields.uscc')}>
              <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="region" label={t('inv.companies.region')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="industry" label={t('inv.fields.industry')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="industryCode" label={t('inv.fields.industryCode')}>
              <Input maxLength={5} placeholder="C39" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label={t('inv.companies.tags')}>
          <Select mode="multiple" options={COMPANY_TAGS.map((x) => ({ value: x, label: t(`inv.tags.${x}`) }))} />
        </Form.Item>
        <Typography.Text strong>{t('inv.fields.top500')}</Typography.Text>
        <Form.List name="top500">
          {(rows, { add, remove }) => (
            <Flex vertical gap={4} style={{ margin: '8px 0 16px' }}>
              {rows.map((r) => (
                <Flex key={r.key} gap={6} align="start">
                  <Form.Item name={[r.name, 'list']} style={{ flex: 1, marginBottom: 4 }}>
                    <Select
                      aria-label={t('inv.companies.list')}
                      options={TOP500_LISTS.map((l) => ({ value: l, label: t(`inv.top500.${l}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[r.name, 'year']} style={{ width: 110, marginBottom: 4 }}>
                    <InputNumber
                      min={2000}
                      max={2100}
                      precision={0}
                      placeholder={t('inv.companies.listYear')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('app.delete')}
                    onClick={() => remove(r.name)}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => add({ list: 'fortune_global', year: null })}
                >
                  {t('inv.companies.addList')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Typography.Text strong>{t('inv.companies.contacts')}</Typography.Text>
        <Form.List name="contacts">
          {(rows, { add, remove }) => (
            <Flex vertical gap={4} style={{ margin: '8px 0 16px' }}>
              {rows.map((r) => (
                <Flex key={r.key} gap={6} align="start" wrap={isPhone}>
                  <Form.Item
                    name={[r.name, 'name']}
                    rules={[{ required: true, message: t('inv.form.required') }]}
                    style={{ flex: 1, minWidth: 100, marginBottom: 4 }}
                  >
                    <Input placeholder={t('inv.companies.contactName')} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[r.name, 'title']} style={{ flex: 1, minWidth: 100, marginBottom: 4 }}>
                    <Input placeholder={t('inv.companies.contactTitle')} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[r.name, 'phone']} style={{ flex: 1, minWidth: 120, marginBottom: 4 }}>
                    <Input placeholder={t('inv.companies.contactPhone')} maxLength={30} inputMode="tel" />
                  </Form.Item>
                  {/* Kept as it was: the page does not edit e-mail addresses. */}
                  <Form.Item name={[r.name, 'email']} hidden>
                    <Input />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('app.delete')}
                    onClick={() => remove(r.name)}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', title: '', phone: '', email: '' })}
                >
                  {t('inv.companies.addContact')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="notes" label={t('inv.companies.notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
