import { DeleteOutlined, EditOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Pagination,
  Popconfirm,
  Row,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RowButton } from '../../../components/RowActions.tsx';
import { BASE, ik, type List, type Visit } from '../api.ts';
import { errorText } from '../ui.tsx';
import { VisitForm } from './VisitForm.tsx';

const PAGE_SIZE = 12;

function Line({ label, text }: { label: string; text: string }) {
  if (!text) return null;
  return (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>
    </div>
  );
}

function VisitCard({ v, onEdit }: { v: Visit; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete<void>(`${BASE}/visits/${v.id}`, { version: v.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ik.all }),
    onError: (err) => void message.error(errorText(err)),
  });
  const dates = v.endedOn && v.endedOn !== v.startedOn ? `${v.startedOn} – ${v.endedOn}` : v.startedOn;
  return (
    <Card
      size="small"
      data-testid="visit"
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal' }}>
          <EnvironmentOutlined />
          <span>{v.place}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {dates}
          </Typography.Text>
        </Flex>
      }
      extra={
        can('investment.write') ? (
          <Flex>
            <RowButton text={t('app.edit')} icon={<EditOutlined />} onClick={onEdit} />
            <Popconfirm
              title={t('app.confirmDelete', { name: v.place })}
              okText={t('app.yes')}
              cancelText={t('app.no')}
              onConfirm={() => remove.mutate()}
            >
              <RowButton text={t('app.delete')} icon={<DeleteOutlined />} danger />
            </Popconfirm>
          </Flex>
        ) : null
      }
    >
      <Flex vertical gap={4}>
        <Line label={t('inv.visits.participants')} text={v.participants} />
        {v.companies.length ? (
          <div>
            <Typography.Text type="secondary">{t('inv.visits.companies')}：</Typography.Text>
            {v.companies.map((c) => (
              <Tag key={c.id} style={{ marginBottom: 2 }}>
                {c.name}
              </Tag>
            ))}
          </div>
        ) : null}
        <Line label={t('inv.visits.purpose')} text={v.purpose} />
        <Line label={t('inv.visits.agreed')} text={v.agreed} />
        <Line label={t('inv.visits.nextSteps')} text={v.nextSteps} />
        {v.leads.length ? (
          <div>
            <Typography.Text type="secondary">{t('inv.visits.leads')}：</Typography.Text>
            {v.leads.map((l, i) => (
              <span key={l.id}>
                {i ? '、' : ''}
                <Link to={`/investment/leads?lead=${l.id}`}>{l.name}</Link>
              </span>
            ))}
          </div>
        ) : null}
        {v.department ? <Line label={t('inv.visits.department')} text={v.department.name} /> : null}
      </Flex>
    </Card>
  );
}

/** 招商考察: trips and meetings as cards, one column on a phone; a big button to record one on the road. */
export default function VisitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Visit | null | undefined>(undefined);
  const query = { q: q || undefined, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ik.visits(query),
    queryFn: () => api.get<List<Visit>>(`${BASE}/visits`, query),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('inv.visits.title')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('inv.visits.search')}
              aria-label={t('app.search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
              style={{ width: 200 }}
            />
            {can('investment.write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing(null)}
                data-testid="visit-create"
              >
                {t('inv.visits.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {list.isError ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      {list.data && !list.data.items.length ? <Empty /> : null}
      <Spin spinning={list.isFetching}>
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {(list.data?.items ?? []).map((v) => (
            <Col key={v.id} xs={24} lg={12} xxl={8}>
              <VisitCard v={v} onEdit={() => setEditing(v)} />
            </Col>
          ))}
        </Row>
      </Spin>
      <Flex justify="end">
        <Pagination
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? 0}
          onChange={setPage}
          hideOnSinglePage
          showSizeChanger={false}
        />
      </Flex>
      <VisitForm open={editing !== undefined} record={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
