import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
// Deep imports: antd's Input index also brings TextArea, Search and OTP, which this page does not use.
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** Only a path of this app, never another site: `?next=//evil.example` is ignored. */
const safeNext = (v: string | null) => (v?.startsWith('/') && !v.startsWith('//') ? v : '/');

/**
 * The first page most people load, so it is kept light: a plain form with
 * antd inputs, no antd Form/Card/Typography (they pull in menus, tabs and
 * validators this page does not need).
 */
export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const [values, setValues] = useState<Credentials>({ username: '', password: '' });
  const [missing, setMissing] = useState<(keyof Credentials)[]>([]);
  const login = useMutation({
    mutationFn: (c: Credentials) => api.post<Me>('/api/v1/auth/login', c),
    onSuccess: (me) => {
      qc.setQueryData(keys.me, me);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = (['username', 'password'] as const).filter((k) => !values[k].trim());
    setMissing(empty);
    if (empty.length === 0) login.mutate(values);
  };
  const field = (key: keyof Credentials, label: string, input: (id: string) => React.ReactNode) => (
    <div className="gx-field">
      <label htmlFor={`login-${key}`}>{label}</label>
      {input(`login-${key}`)}
      {missing.includes(key) ? (
        <div className="gx-field-error" role="alert">
          {t('login.required', { field: label })}
        </div>
      ) : null}
    </div>
  );
  const set = (key: keyof Credentials) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  return (
    <div className="gx-login">
      <div className="gx-login-top">
        <LangSwitch />
      </div>
      <main className="gx-login-card">
        <div className="gx-login-head">
          <span className="gx-logo gx-logo-large" aria-hidden>
            高
          </span>
          <h1>{t('app.name')}</h1>
          <p>{t('login.subtitle')}</p>
        </div>
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            title={login.error.message}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <form onSubmit={submit} noValidate>
          {field('username', t('login.username'), (id) => (
            <Input
              id={id}
              size="large"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              value={values.username}
              onChange={set('username')}
              status={missing.includes('username') ? 'error' : undefined}
            />
          ))}
          {field('password', t('login.password'), (id) => (
            <Password
              id={id}
              size="large"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              value={values.password}
              onChange={set('password')}
              status={missing.includes('password') ? 'error' : undefined}
            />
          ))}
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}
