import { DeleteOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Image, Popconfirm, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useCan, useMe } from '../../../components/MeContext.tsx';
import { sendFile } from '../../../components/upload.ts';
import { addMonths, chinaToday, type FileMeta, filePath, mk, projectPath, useFiles } from '../api.ts';
import { useMayReport } from '../ui.tsx';

export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,application/pdf';
export const MAX_BYTES = 10 * 1024 * 1024;

/** A photo as a thumbnail (the API serves the file only to those who may see the project), a PDF as a link. */
export function FileThumb({ file, onDelete }: { file: FileMeta; onDelete?: () => void }) {
  const { t } = useTranslation();
  const src = filePath(file.projectId, file.id);
  return (
    <Flex vertical gap={4} style={{ width: 132 }} data-testid="photo">
      {file.contentType === 'application/pdf' ? (
        <a href={src} target="_blank" rel="noreferrer" style={{ height: 99, display: 'grid', placeItems: 'center' }}>
          <FilePdfOutlined style={{ fontSize: 40 }} />
        </a>
      ) : (
        <Image
          src={src}
          alt={file.caption || file.filename}
          width={132}
          height={99}
          loading="lazy"
          style={{ objectFit: 'cover', borderRadius: 4 }}
        />
      )}
      <Typography.Text ellipsis={{ tooltip: file.filename }} style={{ fontSize: 12 }}>
        {file.caption || file.filename}
      </Typography.Text>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {file.uploadedByName}
        </Typography.Text>
        {onDelete ? (
          <Popconfirm
            title={t('major.photos.confirmDelete')}
            okText={t('app.yes')}
            cancelText={t('app.no')}
            onConfirm={onDelete}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('app.delete')} />
          </Popconfirm>
        ) : null}
      </Flex>
    </Flex>
  );
}

/** Photos and files of the project by month; who may report can add more and remove their own. */
export function PhotoGallery({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = useCan()('major.write');
  const mayReport = useMayReport();
  const qc = useQueryClient();
  const q = useFiles(projectId);
  const thisMonth = chinaToday().slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const upload = useMutation({
    mutationFn: (f: File) => sendFile<FileMeta>(`${projectPath(projectId)}/files`, f, { query: { month } }),
    onSuccess: () => {
      void message.success(t('major.photos.uploaded'));
      void qc.invalidateQueries({ queryKey: mk.sub(projectId, 'files') });
    },
    onError: (err) => void message.error(err.message),
  });
  const remove = useMutation({
    mutationFn: (f: FileMeta) => api.delete<void>(filePath(projectId, f.id)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: mk.sub(projectId, 'files') }),
    onError: (err) => void message.error(err.message),
  });
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const groups = new Map<string, FileMeta[]>();
  for (const f of q.data?.items ?? []) {
    const key = f.month ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const months = [...groups.keys()].sort().reverse();
  return (
    <Flex vertical gap={12}>
      {mayReport ? (
        <Flex wrap gap={8} align="center">
          <Select
            aria-label={t('major.fields.month')}
            value={month}
            onChange={setMonth}
            style={{ width: 130 }}
            options={Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, -i)).map((m) => ({
              value: m,
              label: m,
            }))}
          />
          <Upload
            accept={PHOTO_TYPES}
            multiple
            showUploadList={false}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) void message.error(t('major.photos.tooLarge', { name: f.name }));
              else upload.mutate(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('major.photos.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('major.photos.hint')}</Typography.Text>
        </Flex>
      ) : null}
      {months.length === 0 && !q.isPending ? <Empty description={t('major.photos.none')} /> : null}
      <Image.PreviewGroup>
        {months.map((m) => (
          <Card key={m} size="small" title={m || t('major.photos.noMonth')}>
            <Flex wrap gap={12}>
              {(groups.get(m) ?? []).map((f) => (
                <FileThumb
                  key={f.id}
                  file={f}
                  onDelete={canManage || f.uploadedByName === me.user.displayName ? () => remove.mutate(f) : undefined}
                />
              ))}
            </Flex>
          </Card>
        ))}
      </Image.PreviewGroup>
    </Flex>
  );
}
