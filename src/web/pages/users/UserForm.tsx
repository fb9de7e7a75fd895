import { useMutation } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { type Department, ROLE_LIST, type Role, type User } from '../../api/types.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { applyApiError, isStale } from '../../components/formErrors.ts';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
  departmentId?: string | null;
  phone?: string;
  email?: string;
  locale: 'zh-CN' | 'en';
}
const FIELDS = ['username', 'displayName', 'password', 'roles', 'departmentId', 'phone', 'email', 'locale'] as const;

const valuesOf = (u: User | null): Values =>
  u
    ? {
        username: u.username,
        displayName: u.displayName,
        roles: u.roles,
        departmentId: u.departmentId,
        phone: u.phone ?? '',
        email: u.email ?? '',
        locale: u.locale,
      }
    : {
        username: '',
        displayName: '',
        password: '',
        roles: [],
        departmentId: null,
        phone: '',
        email: '',
        locale: 'zh-CN',
      };

/** Empty optional text is "none" to the API, not an invalid phone number. */
const orNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

export function UserForm(props: {
  open: boolean;
  record: User | null;
  departments: Department[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState<User | null>(props.record);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);

  // The drawer destroys its form when hidden, so initialValues fill each opening.
  useEffect(() => {
    if (!props.open) return;
    setBase(props.record);
    setError(null);
  }, [props.open, props.record]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        displayName: v.displayName ?? '',
        roles: v.roles ?? [],
        departmentId: v.departmentId ?? null,
        phone: orNull(v.phone),
        email: orNull(v.email),
        locale: v.locale,
      };
      return base
        ? api.patch<User>(`/api/v1/users/${base.id}`, { ...common, version: base.version })
        : api.post<User>('/api/v1/users', { ...common, username: v.username ?? '', password: v.password ?? '' });
    },
    onSuccess: () => props.onSaved(),
    onError: (err) => {
      const text = applyApiError(form, err, FIELDS);
      setError(text ? { text, stale: isStale(err) } : null);
    },
  });
  const reload = useMutation({
    mutationFn: () => api.get<User>(`/api/v1/users/${base?.id}`),
    onSuccess: (fresh) => {
      setBase(fresh);
      setError(null);
      form.setFieldsValue(valuesOf(fresh));
    },
    onError: (err) => setError({ text: err.message, stale: false }),
  });

  // Deleted departments stay selectable only when the user already belongs to one.
  const depOptions = props.departments
    .filter((d) => !d.deletedAt || d.id === props.record?.departmentId)
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <FormDrawer
      open={props.open}
      onClose={props.onClose}
      title={props.record ? t('users.edit') : t('users.create')}
      width={520}
      saving={save.isPending}
      onSave={() => form.submit()}
      error={error}
      onReload={() => reload.mutate()}
      reloading={reload.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={valuesOf(props.record)}
      >
        <Form.Item required={props.record === null} name="username" label={t('users.username')}>
          <Input disabled={props.record !== null} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item required name="displayName" label={t('users.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        {props.record ? null : (
          <Form.Item required name="password" label={t('users.password')} extra={t('users.passwordHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item required name="roles" label={t('users.roles')}>
          <Select
            mode="multiple"
            data-testid="roles-select"
            options={ROLE_LIST.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <Select
            allowClear
            placeholder={t('users.noDepartment')}
            options={depOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')}>
          <Select
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
