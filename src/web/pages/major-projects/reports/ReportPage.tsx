import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { MissingList } from './MissingList.tsx';
import { ReportForm } from './ReportForm.tsx';

/** 月报填报 and 未报清单 side by side as tabs; a link from the list opens the form on its project and month. */
export default function ReportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'missing' ? 'missing' : 'file';
  return (
    <>
      <PageHeader title={t('major.report.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'missing' ? { tab: 'missing' } : {}, { replace: true })}
        items={[
          { key: 'file', label: t('major.report.fileTab'), children: tab === 'file' ? <ReportForm /> : null },
          { key: 'missing', label: t('major.missing.title'), children: tab === 'missing' ? <MissingList /> : null },
        ]}
      />
    </>
  );
}
