import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Flex, Form, Input, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { applyApiError } from '../../../components/formErrors.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { BASE, type Company, chinaToday, ik, type Lead, type List, useDepartmentOptions, type Visit } from '../api.ts';

interface Values {
  startedOn: string;
  endedOn: string;
  place: string;
  participants: string;
  purpose: string;
  companies: string[];
  agreed: string;
  nextSteps: string;
  leadIds: string[];
  departmentId: string | null;
}
const FIELDS = [
  'startedOn',
  'endedOn',
  'place',
  'participants',
  'purpose',
  'agreed',
  'nextSteps',
  'leadIds',
  'departmentId',
];

/** Options for a searchable picker: what the search found plus what the record already names. */
function useOptions<T extends { id: string }>(
  key: string,
  path: string,
  search: string,
  label: (x: T) => string,
  known: { id: string; name: string }[],
) {
  const q = useQuery({
    queryKey: ['inv', key, 'options', search],
    queryFn: () => api.get<List<T>>(path, { q: search || undefined, pageSize: 50 }),
  });
  return useMemo(() => {
    const m = new Map(known.map((k) => [k.id, k.name]));
    for (const x of q.data?.items ?? []) m.set(x.id, label(x));
    return [...m].map(([value, lbl]) => ({ value, label: lbl }));
  }, [q.data, known, label]);
}
const companyLabel = (c: Company) => c.name;
const leadLabel = (l: Lead) => `${l.company.name} · ${l.title}`;

/**
 * A visit in one column, comfortable on a phone on the road: dates, place, who
 * went, companies (a new name is added to the library), what was agreed, next steps.
 */
export function VisitForm(props: { open: boolean; record: Visit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [companySearch, setCompanySearch] = useState('');
  const [leadSearch, setLeadSearch] = useState('');
  const departments = useDepartmentOptions(can('department.read'));
  const r = props.record;
  const knownCompanies = useMemo(() => r?.companies ?? [], [r]);
  const knownLeads = useMemo(() => r?.leads ?? [], [r]);
  const companies = useOptions<Company>('companies', `${BASE}/companies`, companySearch, companyLabel, knownCompanies);
  const leads = useOptions<Lead>('leads', `${BASE}/leads`, leadSearch, leadLabel, knownLeads);
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const ids = new Set(companies.map((o) => o.value));
      const picked = v.companies ?? [];
      const body = {
        startedOn: v.startedOn,
        endedOn: v.endedOn || v.startedOn,
        place: v.place,
        participants: v.participants ?? '',
        purpose: v.purpose ?? '',
        agreed: v.agreed ?? '',
        nextSteps: v.nextSteps ?? '',
        leadIds: v.leadIds ?? [],
        companyIds: picked.filter((x) => ids.has(x)),
        ...(departments.length ? { departmentId: v.departmentId ?? null } : {}),
      };
      return r
        ? api.patch<Visit>(`${BASE}/visits/${r.id}`, { ...body, version: r.version })
        : api.post<Visit>(`${BASE}/visits`, { ...body, companyNames: picked.filter((x) => !ids.has(x)) });
    },
    onSuccess: () => {
      void message.success(t('app.saved'));
      void qc.invalidateQueries({ queryKey: ik.all });
      props.onClose();
    },
    onError: (err) => setError(applyApiError(form, err, FIELDS)),
  });
  const required = [{ required: true, message: t('inv.form.required') }];
  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={r ? t('inv.visits.edit') : t('inv.visits.create')}
      width={560}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          r
            ? {
                ...r,
                companies: r.companies.map((c) => c.id),
                leadIds: r.leads.map((l) => l.id),
                departmentId: r.department?.id ?? null,
              }
            : { startedOn: chinaToday(), endedOn: chinaToday(), companies: [], leadIds: [] }
        }
      >
        <Flex gap={8}>
          <Form.Item name="startedOn" label={t('inv.visits.startedOn')} rules={required} style={{ flex: 1 }}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endedOn" label={t('inv.visits.endedOn')} style={{ flex: 1 }}>
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={t('inv.visits.place')} rules={required}>
          <Input maxLength={200} placeholder={t('inv.visits.placeHint')} />
        </Form.Item>
        <Form.Item name="participants" label={t('inv.visits.participants')}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('inv.visits.participantsHint')} />
        </Form.Item>
        <Form.Item
          name="companies"
          label={t('inv.visits.companies')}
          extra={r ? undefined : t('inv.visits.companiesHelp')}
        >
          <Select
            mode={r ? 'multiple' : 'tags'}
            showSearch={{ filterOption: false, onSearch: setCompanySearch }}
            options={companies}
            aria-label={t('inv.visits.companies')}
            data-testid="visit-companies"
          />
        </Form.Item>
        <Form.Item name="purpose" label={t('inv.visits.purpose')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="agreed" label={t('inv.visits.agreed')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('inv.visits.nextSteps')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="leadIds" label={t('inv.visits.leads')}>
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: setLeadSearch }}
            options={leads}
            aria-label={t('inv.visits.leads')}
          />
        </Form.Item>
        {departments.length ? (
          <Form.Item name="departmentId" label={t('inv.visits.department')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
