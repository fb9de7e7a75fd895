import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLang, type Lang } from '../i18n/index.ts';

/** 中文 / EN; the choice is kept in localStorage and sent to the API as Accept-Language. */
export function LangSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('lang.label')}
      data-testid="lang-switch"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={(lang) => void changeLang(lang)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
