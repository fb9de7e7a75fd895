import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** The session's user could not be read (not a 401): the error and a retry. Its own chunk, like the 403 page. */
export default function LoadErrorPage({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return <Result status="error" title={message} extra={<Button onClick={onRetry}>{t('app.retry')}</Button>} />;
}
