import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ColourBoard } from './ColourBoard.tsx';
import { Notices } from './Notices.tsx';
import { SettingsForm } from './SettingsForm.tsx';

const TABS = ['colours', 'notices', 'settings'] as const;

/** 督导: the colours and their reasons, the notices sent and answered, and the rules behind the colours. */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'colours';
  const content = { colours: <ColourBoard />, notices: <Notices />, settings: <SettingsForm /> };
  return (
    <>
      <PageHeader title={t('major.supervision.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) =>
          setParams(
            (p) => {
              const n = new URLSearchParams(p);
              n.set('tab', k);
              return n;
            },
            { replace: true },
          )
        }
        items={TABS.map((k) => ({
          key: k,
          label: t(`major.supervision.tabs.${k}`),
          children: tab === k ? content[k] : null,
        }))}
      />
    </>
  );
}
