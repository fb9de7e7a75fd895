import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Search box, "show deleted" and the create button shared by the admin lists. */
export function ListToolbar(props: {
  placeholder: string;
  onSearch: (q: string) => void;
  showDeleted: boolean;
  onShowDeleted: (v: boolean) => void;
  createLabel?: string;
  onCreate?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Input.Search
        allowClear
        placeholder={props.placeholder}
        onSearch={(v) => props.onSearch(v.trim())}
        style={{ width: 220 }}
        aria-label={t('app.search')}
      />
      {props.children}
      <Checkbox checked={props.showDeleted} onChange={(e) => props.onShowDeleted(e.target.checked)}>
        {t('app.showDeleted')}
      </Checkbox>
      {props.onCreate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={props.onCreate}>
          {props.createLabel}
        </Button>
      ) : null}
    </>
  );
}
