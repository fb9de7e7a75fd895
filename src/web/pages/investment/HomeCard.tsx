import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Statistic, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { formatAmount } from '../../components/amount.ts';
import { useCan } from '../../components/MeContext.tsx';
import { BASE, type Dashboard, ik, type List, type Project } from './api.ts';
import '../../i18n/investment.ts';
import { isFirstHalf, presetRange } from './dashboard/period.ts';

/**
 * The home page's 招商引资 card: this half-year's figures from the dashboard
 * API for those who read reports; otherwise how many projects the user sees.
 */
export function InvestmentHomeCard() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const can = useCan();
  const range = presetRange('half');
  const readsFigures = can('report.read');
  const dashboard = useQuery({
    queryKey: ik.dashboard(range),
    queryFn: () => api.get<Dashboard>(`${BASE}/dashboard`, range),
    enabled: readsFigures,
  });
  const mine = useQuery({
    queryKey: ik.projects({ pageSize: 1 }),
    queryFn: () => api.get<List<Project>>(`${BASE}/projects`, { pageSize: 1 }),
    enabled: !readsFigures && can('investment.read'),
  });
  const s = dashboard.data?.summary;
  const half = t(isFirstHalf() ? 'inv.period.h1' : 'inv.period.h2');
  const body = s ? (
    <Flex wrap gap="8px 24px">
      <Statistic title={t('inv.figures.signedProjects')} value={s.signedProjects} suffix={t('inv.units.projects')} />
      <Statistic
        title={t('inv.figures.signedInvestment')}
        value={formatAmount(s.signedInvestment, 'yi')}
        suffix={t('inv.units.yi')}
      />
      <Statistic
        title={t('inv.figures.foreignCapitalUtilisedUsd')}
        value={formatAmount(s.foreignCapitalUtilisedUsd, 'wan')}
        suffix={t('inv.units.wanUsd')}
      />
    </Flex>
  ) : mine.data ? (
    <Statistic title={t('inv.home.mine')} value={mine.data.total} suffix={t('inv.units.projects')} />
  ) : (
    <Typography.Text type="secondary">{t('home.investmentDesc')}</Typography.Text>
  );
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card
        style={{ height: '100%' }}
        data-testid="module-investment"
        title={
          <Flex gap={8} align="center">
            <FundProjectionScreenOutlined style={{ color: token.colorPrimary, fontSize: 20 }} />
            <span>{t('home.investment')}</span>
          </Flex>
        }
        extra={
          can('investment.read') ? (
            <Link to={readsFigures ? '/investment/dashboard' : '/investment/pipeline'}>{t('inv.home.open')}</Link>
          ) : null
        }
      >
        {s ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('inv.home.scope', { period: half, from: s.from, to: s.to })}
          </Typography.Text>
        ) : null}
        {body}
      </Card>
    </Col>
  );
}
