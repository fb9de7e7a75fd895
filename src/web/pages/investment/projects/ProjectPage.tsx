import { ArrowLeftOutlined, EditOutlined, FlagOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Dropdown, Flex, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { PIPELINE, type Project, type Stage, useProject } from '../api.ts';
import { StageModal, type StageMove } from '../pipeline/StageModal.tsx';
import { Amount, ChannelText, StageTag, Usd } from '../ui.tsx';
import { Agreements } from './Agreements.tsx';
import { Commitments } from './Commitments.tsx';
import { EvaluationCard } from './Evaluation.tsx';
import { ForeignCapitalCard } from './ForeignCapital.tsx';
import { FromInvestmentDrawer } from './FromInvestmentDrawer.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { StageHistory } from './StageHistory.tsx';

function Overview({ p }: { p: Project }) {
  const { t } = useTranslation();
  const dash = '—';
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, xxl: 3 }}
      items={[
        { key: 'company', label: t('inv.fields.company'), children: p.company.name },
        { key: 'uscc', label: t('inv.fields.uscc'), children: p.company.uscc ?? dash },
        {
          key: 'top500',
          label: t('inv.fields.top500'),
          children: p.company.top500 ? <Tag color="gold">{t('inv.fields.top500Short')}</Tag> : dash,
        },
        { key: 'channel', label: t('inv.fields.channel'), children: <ChannelText channel={p.channel} /> },
        { key: 'referrer', label: t('inv.fields.referrer'), children: p.referrerDepartment?.name ?? dash },
        {
          key: 'responsible',
          label: t('inv.fields.responsibleDepartment'),
          children: [p.responsibleDepartment?.name, p.responsiblePerson].filter(Boolean).join(' · ') || dash,
        },
        { key: 'total', label: t('inv.fields.totalInvestment'), children: <Amount yuan={p.totalInvestment} /> },
        {
          key: 'fixed',
          label: t('inv.fields.fixedAssetInvestment'),
          children: <Amount yuan={p.fixedAssetInvestment} />,
        },
        {
          key: 'foreign',
          label: t('inv.fields.foreignInvestmentUsd'),
          children: <Usd usd={p.foreignInvestmentUsd} />,
        },
        {
          key: 'utilised',
          label: t('inv.fields.foreignCapitalUtilisedUsd'),
          children: <Usd usd={p.foreignCapitalUtilisedUsd} />,
        },
        {
          key: 'land',
          label: t('inv.fields.landAreaMu'),
          children: p.landAreaMu ? `${p.landAreaMu} ${t('inv.units.mu')}` : dash,
        },
        {
          key: 'industry',
          label: t('inv.fields.industry'),
          children: [p.industry, p.industryCode, p.chain].filter(Boolean).join(' · ') || dash,
        },
        { key: 'signedOn', label: t('inv.fields.signedOn'), children: p.signedOn ?? dash },
        { key: 'landedOn', label: t('inv.fields.landedOn'), children: p.landedOn ?? dash },
        {
          key: 'event',
          label: t('inv.fields.signingEvent'),
          children: p.signingEvent ? `${p.signingEvent.name}（${p.signingEvent.heldOn}）` : dash,
        },
        ...(p.droppedReason
          ? [{ key: 'dropped', label: t('inv.fields.droppedReason'), children: p.droppedReason }]
          : []),
        ...(p.description ? [{ key: 'desc', label: t('inv.fields.description'), children: p.description }] : []),
      ]}
    />
  );
}

/** Stages a project may be put on a major-project list from (the API refuses the others). */
const LISTABLE: readonly Stage[] = ['signed', 'landed', 'started', 'completed', 'operating'];

const TABS = ['overview', 'history', 'agreements', 'foreign', 'evaluation', 'commitments'] as const;

/** One project: details, stage history, agreements with files, foreign capital, evaluation, commitments. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [move, setMove] = useState<StageMove | null>(null);
  const [editing, setEditing] = useState(false);
  const [listing, setListing] = useState(false);
  const q = useProject(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const p = q.data;
  const writable = can('investment.write') && p.deletedAt === null;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as string)
    : 'overview';
  const targets = PIPELINE.filter((s) => s !== p.stage);
  const mayList = can('major.write') && p.deletedAt === null && p.majorProject === null && LISTABLE.includes(p.stage);
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <Link to="/investment/projects" aria-label={t('inv.projects.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="project-name">{p.name}</span>
            <StageTag stage={p.stage} />
            {p.commitmentShortfalls ? (
              <Tag color="red" data-testid="shortfall-flag">
                {t('inv.commitments.shortfallN', { count: p.commitmentShortfalls })}
              </Tag>
            ) : null}
          </Flex>
        }
        extra={
          writable || mayList ? (
            <>
              {mayList ? (
                <Button icon={<FlagOutlined />} data-testid="list-as-major" onClick={() => setListing(true)}>
                  {t('major.fromInvestment.action')}
                </Button>
              ) : null}
              {writable ? (
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: targets.map((s) => ({
                      key: s,
                      label: t('inv.pipeline.moveTo', { stage: t(`inv.stages.${s}`) }),
                    })),
                    onClick: ({ key }) => setMove({ project: p, to: key as Stage }),
                  }}
                >
                  <Button icon={<SwapOutlined />} data-testid="project-move">
                    {t('inv.pipeline.move')}
                  </Button>
                </Dropdown>
              ) : null}
              {writable ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('app.edit')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">
        {p.code} · {t(`inv.stages.${p.stage}`)}
        {t('inv.pipeline.since', { date: p.stageOn })}
        {p.majorProject ? (
          <>
            {' · '}
            {t('major.fromInvestment.listedAs')}
            <Link to={`/major-projects/projects/${p.majorProject.id}`} data-testid="major-project-link">
              {p.majorProject.key} {p.majorProject.name}
            </Link>
          </>
        ) : null}
      </Typography.Paragraph>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          size={isPhone ? 'small' : 'middle'}
          items={[
            { key: 'overview', label: t('inv.project.overview'), children: <Overview p={p} /> },
            { key: 'history', label: t('inv.project.history'), children: <StageHistory projectId={p.id} /> },
            {
              key: 'agreements',
              label: t('inv.project.agreements'),
              children: <Agreements projectId={p.id} writable={writable} />,
            },
            {
              key: 'foreign',
              label: t('inv.project.foreign'),
              children: <ForeignCapitalCard project={p} writable={writable} />,
            },
            {
              key: 'evaluation',
              label: t('inv.project.evaluation'),
              children: <EvaluationCard project={p} writable={writable} />,
            },
            {
              key: 'commitments',
              label: t('inv.project.commitments'),
              children: <Commitments projectId={p.id} writable={writable} />,
            },
          ]}
        />
      </Card>
      <StageModal move={move} onClose={() => setMove(null)} />
      <ProjectForm open={editing} record={p} onClose={() => setEditing(false)} />
      <FromInvestmentDrawer open={listing} project={p} onClose={() => setListing(false)} />
    </>
  );
}
