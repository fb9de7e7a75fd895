import { BuildOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Statistic, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { formatAmount, formatRate } from '../../components/amount.ts';
import { useCan } from '../../components/MeContext.tsx';
import { BASE, currentYear, type Dashboard, mk, type Project } from './api.ts';

/**
 * The home page's 重大项目 card: the year's figures from the dashboard API for
 * those who read reports, a project owner's own projects otherwise.
 */
export function MajorProjectsHomeCard() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const can = useCan();
  const year = currentYear();
  const readsFigures = can('report.read');
  const dashboard = useQuery({
    queryKey: mk.dashboard({ year, through: undefined }),
    queryFn: () => api.get<Dashboard>(`${BASE}/dashboard`, { year }),
    enabled: readsFigures,
  });
  const mine = useQuery({
    queryKey: mk.projects({ year }),
    queryFn: () => api.get<{ items: Project[]; total: number }>(BASE, { year }),
    enabled: !readsFigures && can('major.read'),
  });
  const d = dashboard.data;
  const target = readsFigures
    ? '/major-projects/dashboard'
    : can('major.report')
      ? '/major-projects/report'
      : '/major-projects/projects';
  const body = d ? (
    <Row gutter={[12, 8]}>
      {[
        { key: 'projects', value: d.projects },
        { key: 'completionRate', value: formatRate(d.completionRate) },
        { key: 'completed', value: formatAmount(d.completed, 'yi'), unit: t('major.units.yi') },
        { key: 'red', value: d.supervision.counts.red, colour: d.supervision.counts.red ? '#cf1322' : undefined },
      ].map((s) => (
        <Col span={12} key={s.key}>
          <Statistic
            title={
              s.unit ? t('major.withUnit', { title: t(`major.home.${s.key}`), unit: s.unit }) : t(`major.home.${s.key}`)
            }
            value={s.value}
            styles={{ content: { fontSize: 20, color: s.colour } }}
          />
        </Col>
      ))}
    </Row>
  ) : mine.data ? (
    <Statistic title={t('major.home.mine')} value={mine.data.total} />
  ) : (
    <Typography.Text type="secondary">{t('home.projectsDesc')}</Typography.Text>
  );
  const title = (
    <Flex gap={8} align="center">
      <BuildOutlined style={{ color: token.colorPrimary, fontSize: 20 }} />
      <span>{t('home.projects')}</span>
    </Flex>
  );
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card
        style={{ height: '100%' }}
        title={title}
        data-testid="module-projects"
        extra={can('major.read') ? <Link to={target}>{t('major.home.open')}</Link> : null}
      >
        {d ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('major.home.scope', { year: d.year, through: d.through })}
          </Typography.Text>
        ) : null}
        {body}
      </Card>
    </Col>
  );
}
