import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { useDepartments } from '../../../api/queries.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import {
  BASE,
  CATEGORY_LIST,
  type Issue,
  type IssueCategory,
  type IssueStatus,
  mk,
  STATUS_LIST,
  useIssues,
} from '../api.ts';
import { IssueDrawer } from './IssueDrawer.tsx';
import { IssueTable } from './IssueTable.tsx';

/** The leaders' list: issues past their deadline and not closed; staff put newly overdue ones on it. */
function Escalated({ onOpen }: { onOpen: (i: Issue) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canWrite = useCan()('major.write');
  const q = useQuery({
    queryKey: mk.issues({ escalated: true }),
    queryFn: () => api.get<{ items: Issue[]; total: number; asOf: string }>(`${BASE}/issues/escalated`),
  });
  const escalate = useMutation({
    mutationFn: () => api.post<{ escalated: number; asOf: string }>(`${BASE}/issues/escalate`),
    onSuccess: (r) => {
      void message.success(t('major.issues.escalatedN', { count: r.escalated }));
      void qc.invalidateQueries({ queryKey: mk.all });
    },
    onError: (err) => void message.error(err.message),
  });
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Text type="secondary">
          {t('major.issues.escalatedHint', { date: q.data?.asOf ?? '' })}
        </Typography.Text>
        {canWrite ? (
          <Button onClick={() => escalate.mutate()} loading={escalate.isPending}>
            {t('major.issues.escalate')}
          </Button>
        ) : null}
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      <IssueTable items={q.data?.items} loading={q.isFetching} onOpen={onOpen} showProject testId="escalated" />
    </Flex>
  );
}

/** 问题协调: every issue of the visible projects, filtered; the leaders' overdue list; one issue's loop in a drawer. */
export default function IssuesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'escalated' ? 'escalated' : 'all';
  const status = (params.get('status') as IssueStatus | null) ?? undefined;
  const category = (params.get('category') as IssueCategory | null) ?? undefined;
  const departmentId = params.get('department') ?? undefined;
  const overdue = params.get('overdue') === 'true' ? 'true' : undefined;
  const issueId = params.get('issue');
  const set = (k: string, v: string | undefined | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: k !== 'issue' },
    );
  const list = useIssues({ status, category, departmentId, overdue }, tab === 'all');
  const departments = useDepartments({}, can('department.read'));
  const open = (i: Issue) => set('issue', i.id);

  const filters = (
    <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="issue-filters">
      <Select
        aria-label={t('major.filter', { field: t('major.fields.status') })}
        allowClear
        placeholder={t('major.issues.allStatuses')}
        value={status}
        style={{ width: 130 }}
        onChange={(v) => set('status', v)}
        options={STATUS_LIST.map((s) => ({ value: s, label: t(`major.statuses.${s}`) }))}
      />
      <Select
        aria-label={t('major.filter', { field: t('major.fields.category') })}
        allowClear
        placeholder={t('major.issues.allCategories')}
        value={category}
        style={{ width: 130 }}
        onChange={(v) => set('category', v)}
        options={CATEGORY_LIST.map((c) => ({ value: c, label: t(`major.categories.${c}`) }))}
      />
      {can('department.read') ? (
        <Select
          aria-label={t('major.filter', { field: t('major.fields.responsible') })}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('major.list.allDepartments')}
          value={departmentId}
          style={{ width: 170 }}
          onChange={(v) => set('department', v)}
          options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      ) : null}
      <Checkbox checked={overdue === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : null)}>
        {t('major.issues.onlyOverdue')}
      </Checkbox>
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('major.issues.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'all' ? null : k)}
        items={[
          {
            key: 'all',
            label: t('major.issues.all'),
            children: (
              <>
                {filters}
                {list.isError ? (
                  <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
                ) : null}
                <IssueTable items={list.data?.items} loading={list.isFetching} onOpen={open} showProject />
              </>
            ),
          },
          { key: 'escalated', label: t('major.issues.escalatedTab'), children: <Escalated onOpen={open} /> },
        ]}
      />
      <IssueDrawer issueId={issueId} onClose={() => set('issue', null)} />
    </>
  );
}
