import { Alert, Button, Drawer, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from './useIsPhone.ts';

/** A form's error: plain text, or a stale-version refusal that offers to reload the record. */
export type FormError = string | { text: string; stale: boolean } | null;

/**
 * The drawer every create/edit form uses: full width on a phone, cancel and
 * save in the footer, the API's error above the fields.
 */
export function FormDrawer(props: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  width: number;
  saving: boolean;
  onSave: () => void;
  error: FormError;
  onReload?: () => void;
  reloading?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const err = typeof props.error === 'string' ? { text: props.error, stale: false } : props.error;
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      title={props.title}
      size={isPhone ? '100%' : props.width}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={props.onClose}>{t('app.cancel')}</Button>
          <Button type="primary" loading={props.saving} onClick={props.onSave} data-testid="save">
            {t('app.save')}
          </Button>
        </Flex>
      }
    >
      {err ? (
        <Alert
          type={err.stale ? 'warning' : 'error'}
          showIcon
          title={err.text}
          style={{ marginBottom: 16 }}
          data-testid="form-error"
          action={
            err.stale && props.onReload ? (
              <Button size="small" onClick={props.onReload} loading={props.reloading}>
                {t('app.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {props.children}
    </Drawer>
  );
}
