import { DeleteOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from './useIsPhone.ts';

/**
 * A row button: words at desktop width, an icon (named for screen readers) on
 * a phone. Other props (and the ref, a prop in React 19) pass through so a
 * Popconfirm can wrap it.
 */
export function RowButton({ text, icon, ...rest }: { text: string; icon: ReactNode } & ComponentProps<typeof Button>) {
  const isPhone = useIsPhone();
  return (
    <Button
      type="link"
      size="small"
      {...rest}
      icon={isPhone ? icon : undefined}
      aria-label={text}
      title={isPhone ? text : undefined}
    >
      {isPhone ? null : text}
    </Button>
  );
}

/** Edit / delete (confirmed) for a live row, restore for a deleted one. */
export function RowActions(props: {
  name: string;
  deleted: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onRestore: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  if (props.deleted) return <RowButton text={t('app.restore')} icon={<UndoOutlined />} onClick={props.onRestore} />;
  return (
    <Space size={0} wrap={false}>
      <RowButton text={t('app.edit')} icon={<EditOutlined />} onClick={props.onEdit} />
      {props.extra}
      <Popconfirm
        title={t('app.confirmDelete', { name: props.name })}
        okText={t('app.yes')}
        cancelText={t('app.no')}
        okButtonProps={{ danger: true }}
        onConfirm={props.onDelete}
      >
        <RowButton text={t('app.delete')} icon={<DeleteOutlined />} danger />
      </Popconfirm>
    </Space>
  );
}
