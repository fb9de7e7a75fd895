import { Card, Col, Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount } from '../../../components/amount.ts';
import type { Figure, Summary } from '../api.ts';
import { DrillLink } from '../ui.tsx';
import type { Drill } from './RecordsDrawer.tsx';

/** The summary's five figures as the API computed them; each opens the records behind it. */
export function FigureCards({ summary, open }: { summary: Summary; open: (d: Drill) => void }) {
  const { t } = useTranslation();
  const n = t('inv.units.projects');
  const figures: { id: Figure; value: ReactNode; unit: string }[] = [
    { id: 'signedProjects', value: summary.signedProjects, unit: n },
    { id: 'signedInvestment', value: formatAmount(summary.signedInvestment, 'yi'), unit: t('inv.units.yi') },
    { id: 'signedAtLeast200M', value: summary.signedAtLeast200M, unit: n },
    { id: 'signedTop500', value: summary.signedTop500, unit: n },
    {
      id: 'foreignCapitalUtilisedUsd',
      value: formatAmount(summary.foreignCapitalUtilisedUsd, 'wan'),
      unit: t('inv.units.wanUsd'),
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {figures.map((f) => (
        <Col key={f.id} xs={12} md={8} xl={{ flex: '20%' }}>
          <Card size="small" style={{ height: '100%' }}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t(`inv.figures.${f.id}`)}</Typography.Text>
              <span>
                <DrillLink
                  testId={`figure-${f.id}`}
                  onClick={() => open({ figure: f.id, title: t(`inv.figures.${f.id}`) })}
                >
                  <span style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.2 }}>{f.value}</span>
                </DrillLink>
                <Typography.Text type="secondary"> {f.unit}</Typography.Text>
              </span>
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
