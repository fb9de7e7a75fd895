import { MoreOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Dropdown, Empty, Flex, Input, Spin, Tabs, Tag, Typography, theme } from 'antd';
import { type DragEvent, type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { formatAmount } from '../../../components/amount.ts';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { BASE, ik, PIPELINE, type Project, type Stage, useProjects } from '../api.ts';
import { Amount, ChannelText, STAGE_COLOURS } from '../ui.tsx';
import { StageModal, type StageMove } from './StageModal.tsx';

const COLUMN_SIZE = 50;
const DRAG_TYPE = 'application/x-gaoxin-project';

interface Counts {
  stages: { stage: Stage; projects: number; investment: string }[];
}

function ProjectCard(props: {
  p: Project;
  draggable: boolean;
  onMove: (to: Stage) => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}) {
  const { t } = useTranslation();
  const { p } = props;
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, p.id);
    e.dataTransfer.setData('text/plain', p.id);
    e.dataTransfer.effectAllowed = 'move';
    props.onDragStart();
  };
  const targets = PIPELINE.filter((s) => s !== p.stage);
  return (
    <Card
      size="small"
      draggable={props.draggable}
      onDragStart={onDragStart}
      onDragEnd={props.onDragEnd}
      data-testid="pipeline-card"
      data-project={p.code}
      style={{ cursor: props.draggable ? 'grab' : undefined }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex justify="space-between" align="start" gap={4}>
        <Link to={`/investment/projects/${p.id}`} style={{ fontWeight: 500, minWidth: 0 }} draggable={false}>
          {p.name}
        </Link>
        {props.draggable ? (
          <Dropdown
            trigger={['click']}
            menu={{
              items: targets.map((s) => ({ key: s, label: t('inv.pipeline.moveTo', { stage: t(`inv.stages.${s}`) }) })),
              onClick: ({ key }) => props.onMove(key as Stage),
            }}
          >
            <Button
              type="text"
              size="small"
              icon={<MoreOutlined />}
              aria-label={t('inv.pipeline.move')}
              data-testid="card-move"
            />
          </Dropdown>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis>
        {p.code} · {p.company.name}
      </Typography.Text>
      <Flex wrap gap="2px 8px" style={{ fontSize: 12, marginTop: 4 }} align="center">
        <Amount yuan={p.totalInvestment} unit="yi" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <ChannelText channel={p.channel} />
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="card-stage-on">
          {t('inv.pipeline.cardSince', { date: p.stageOn })}
        </Typography.Text>
        {p.company.top500 ? <Tag color="gold">{t('inv.fields.top500Short')}</Tag> : null}
        {p.commitmentShortfalls ? (
          <Tag color="red">{t('inv.commitments.shortfallN', { count: p.commitmentShortfalls })}</Tag>
        ) : null}
      </Flex>
    </Card>
  );
}

function Column(props: {
  stage: Stage;
  count?: { projects: number; investment: string };
  q: string;
  canWrite: boolean;
  /** The card being dragged: a ref, so a dragover right after dragstart already sees it. */
  dragging: RefObject<Project | null>;
  setDragging: (p: Project | null) => void;
  onMove: (m: StageMove) => void;
  wide: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [over, setOver] = useState(false);
  const list = useProjects({ stage: props.stage, q: props.q || undefined, pageSize: COLUMN_SIZE });
  const items = list.data?.items ?? [];
  // While searching, the column's own total (the API's) rather than the whole stage's.
  const shown =
    props.q && list.data ? { projects: list.data.total, investment: list.data.totalInvestment } : props.count;
  const droppable = () => {
    const d = props.dragging.current;
    return props.canWrite && d !== null && d.stage !== props.stage;
  };
  return (
    <section
      aria-label={t(`inv.stages.${props.stage}`)}
      data-testid={`column-${props.stage}`}
      onDragOver={(e) => {
        if (!droppable()) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const p = props.dragging.current;
        props.setDragging(null);
        if (p && p.stage !== props.stage) props.onMove({ project: p, to: props.stage });
      }}
      style={{
        flex: props.wide ? 'none' : '1 0 200px',
        width: props.wide ? '100%' : undefined,
        minWidth: props.wide ? undefined : 200,
        background: over ? token.colorPrimaryBg : token.colorFillQuaternary,
        border: `1px dashed ${over ? token.colorPrimary : 'transparent'}`,
        borderRadius: 8,
        padding: 8,
        boxSizing: 'border-box',
      }}
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} gap={4}>
        <Tag color={STAGE_COLOURS[props.stage]} style={{ fontSize: 14, padding: '2px 8px' }}>
          {t(`inv.stages.${props.stage}`)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="column-count">
          {t('inv.pipeline.count', {
            count: shown?.projects ?? 0,
            amount: formatAmount(shown?.investment ?? '0', 'yi'),
          })}
        </Typography.Text>
      </Flex>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Spin spinning={list.isFetching && !list.data}>
        <Flex vertical gap={8} style={{ minHeight: 60 }}>
          {items.map((p) => (
            <ProjectCard
              key={p.id}
              p={p}
              draggable={props.canWrite}
              onDragStart={() => props.setDragging(p)}
              onDragEnd={() => props.setDragging(null)}
              onMove={(to) => props.onMove({ project: p, to })}
            />
          ))}
          {list.data && !items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={null} /> : null}
          {list.data && list.data.total > items.length ? (
            <Link to={`/investment/projects?stage=${props.stage}`}>
              {t('inv.pipeline.all', { count: list.data.total })}
            </Link>
          ) : null}
        </Flex>
      </Spin>
    </section>
  );
}

/**
 * 项目看板: one column per stage, cards dragged between columns (or moved with
 * the card's menu, which also serves phones and keyboards). Each move asks
 * for the date and goes through the API's stage machine.
 */
export default function PipelinePage() {
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const [q, setQ] = useState('');
  const dragging = useRef<Project | null>(null);
  const setDragging = (p: Project | null) => {
    dragging.current = p;
  };
  const [move, setMove] = useState<StageMove | null>(null);
  const [phoneStage, setPhoneStage] = useState<Stage>('negotiating');
  const counts = useQuery({ queryKey: ik.pipeline, queryFn: () => api.get<Counts>(`${BASE}/pipeline`) });
  const countOf = (s: Stage) => counts.data?.stages.find((c) => c.stage === s);
  return (
    <>
      <PageHeader
        title={t('inv.pipeline.title')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('inv.projects.search')}
              onSearch={(v) => setQ(v.trim())}
              style={{ width: 220 }}
              aria-label={t('app.search')}
            />
            <Link to="/investment/projects">
              <Button icon={<UnorderedListOutlined />}>{t('inv.pipeline.listView')}</Button>
            </Link>
          </>
        }
      />
      {can('investment.write') ? (
        <Typography.Paragraph type="secondary">
          {isPhone ? t('inv.pipeline.hintPhone') : t('inv.pipeline.hint')}
        </Typography.Paragraph>
      ) : null}
      {isPhone ? (
        // One column at a time on a phone: 32 cards stacked would be a very long page.
        <Tabs
          activeKey={phoneStage}
          onChange={(k) => setPhoneStage(k as Stage)}
          size="small"
          items={PIPELINE.map((s) => ({
            key: s,
            label: `${t(`inv.stages.${s}`)} ${countOf(s)?.projects ?? 0}`,
          }))}
        />
      ) : null}
      <div style={{ overflowX: isPhone ? undefined : 'auto', paddingBottom: 8 }} data-testid="pipeline">
        <Flex gap={12} align="start" vertical={isPhone}>
          {(isPhone ? [phoneStage] : PIPELINE).map((s) => (
            <Column
              key={s}
              stage={s}
              count={countOf(s)}
              q={q}
              canWrite={can('investment.write')}
              dragging={dragging}
              setDragging={setDragging}
              onMove={setMove}
              wide={isPhone}
            />
          ))}
        </Flex>
      </div>
      <StageModal move={move} onClose={() => setMove(null)} />
    </>
  );
}
