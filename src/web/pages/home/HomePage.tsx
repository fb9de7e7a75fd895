import { BarChartOutlined, BuildOutlined, FundProjectionScreenOutlined, GiftOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../components/MeContext.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { InvestmentHomeCard } from '../investment/HomeCard.tsx';
import { MajorProjectsHomeCard } from '../major-projects/HomeCard.tsx';

/** The modules later work fills in; shown as placeholders, never with made-up figures. */
const MODULES: { key: string; icon: ReactNode }[] = [
  { key: 'investment', icon: <FundProjectionScreenOutlined /> },
  { key: 'projects', icon: <BuildOutlined /> },
  { key: 'services', icon: <GiftOutlined /> },
  { key: 'reports', icon: <BarChartOutlined /> },
];

/** Modules that are live show their own card, with figures from their API, ahead of the placeholders. */
const LIVE = new Set(['projects', 'investment']);

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="home-zone">
          {me.zone.name}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 16 }}>
          {t('home.welcome', { name: me.user.displayName })}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'code', label: t('home.zoneCode'), children: me.zone.code },
            {
              key: 'level',
              label: t('home.level'),
              children: t(`home.levels.${me.zone.level}`, { defaultValue: me.zone.level }),
            },
            { key: 'roles', label: t('home.roles'), children: <RoleTags roles={me.roles} /> },
            // An upper-level viewer's regions, with the way to their rollup.
            ...(me.oversees.length
              ? [
                  {
                    key: 'oversees',
                    label: t('home.oversees'),
                    children: (
                      <Link to="/rollup" data-testid="home-oversees">
                        {me.oversees.map((r) => (r === '000000' ? t('rollup.wholeCountry') : r)).join('、')}
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('home.modules')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <InvestmentHomeCard />
        <MajorProjectsHomeCard />
        {MODULES.filter((m) => !LIVE.has(m.key)).map((m) => (
          <Col key={m.key} xs={24} sm={12} xl={6}>
            <Card style={{ height: '100%' }} data-testid={`module-${m.key}`}>
              <Flex gap={12} align="start">
                <span style={{ fontSize: 28, color: token.colorPrimary, lineHeight: 1 }}>{m.icon}</span>
                <Flex vertical gap={6} style={{ minWidth: 0 }}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {t(`home.${m.key}`)}
                    </Typography.Text>
                    <Tag>{t('home.comingSoon')}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">{t(`home.${m.key}Desc`)}</Typography.Text>
                </Flex>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
