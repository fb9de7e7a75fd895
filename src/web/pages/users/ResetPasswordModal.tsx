import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { applyApiError } from '../../components/formErrors.ts';

/** An admin sets a new password; the API ends the user's sessions. */
export function ResetPasswordModal(props: { user: User | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (v: { password: string }) =>
      api.patch<User>(`/api/v1/users/${props.user?.id}`, { version: props.user?.version, password: v.password ?? '' }),
    onSuccess: () => {
      void message.success(t('users.passwordReset'));
      props.onDone();
    },
    onError: (err) => setError(applyApiError(form, err, ['password'])),
  });
  return (
    <Modal
      open={props.user !== null}
      title={`${t('users.resetPassword')} · ${props.user?.displayName ?? ''}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
      afterOpenChange={(open) => (open ? setError(null) : undefined)}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)} preserve={false}>
        <Form.Item name="password" label={t('users.newPassword')} extra={t('users.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
