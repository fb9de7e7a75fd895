import { useQueryClient } from '@tanstack/react-query';
import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { LedgerImport } from '../../../components/ledger/LedgerImport.tsx';
import { useCan } from '../../../components/MeContext.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ik } from '../api.ts';

const LEDGERS = ['investment-projects', 'foreign-capital'] as const;

/** 台账导入: the project ledger and the foreign capital register as the bureau keeps them in Excel. */
export default function ImportPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  return (
    <>
      <PageHeader title={t('inv.import.title')} />
      <Row gutter={[16, 16]}>
        {LEDGERS.map((l) => (
          <Col key={l} xs={24} xl={12}>
            <LedgerImport
              ledger={l}
              title={t(`inv.import.ledgers.${l}`)}
              description={t(`inv.import.describe.${l}`)}
              canImport={can('investment.write')}
              canExport={can('report.read')}
              onImported={() => {
                void qc.invalidateQueries({ queryKey: ik.all });
              }}
            />
          </Col>
        ))}
      </Row>
    </>
  );
}
