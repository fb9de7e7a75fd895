import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';

interface Versioned {
  id: string;
  version: number;
}

/**
 * Delete (with the version the user saw) and restore for a soft-deleting
 * resource. A 409 says someone changed the record first: the list reloads so
 * the next try uses the current version.
 */
export function useSoftDelete(basePath: string, listKey: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: [listKey] });
  const onError = (err: Error) => {
    void message.error(err.message);
    void refresh();
  };
  const remove = useMutation({
    mutationFn: (r: Versioned) => api.delete<void>(`${basePath}/${r.id}`, { version: r.version }),
    onSuccess: () => {
      void message.success(t('app.removed'));
      void refresh();
    },
    onError,
  });
  const restore = useMutation({
    mutationFn: (r: Versioned) => api.post<unknown>(`${basePath}/${r.id}/restore`),
    onSuccess: () => {
      void message.success(t('app.restored'));
      void refresh();
    },
    onError,
  });
  return { remove, restore, refresh };
}
