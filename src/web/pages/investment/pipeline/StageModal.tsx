import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { BASE, chinaToday, ik, type Project, type Stage } from '../api.ts';
import { errorText, StageTag } from '../ui.tsx';

export interface StageMove {
  project: Pick<Project, 'id' | 'code' | 'name' | 'stage' | 'stageOn' | 'version'>;
  to: Stage;
}

/**
 * Asks for the date of a stage change (and the reason for 终止), then calls
 * the stage endpoint. The API decides what is allowed; a refusal shows its
 * message here and nothing moves.
 */
export function StageModal({ move, onClose }: { move: StageMove | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [date, setDate] = useState(chinaToday());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!move) return;
    setDate(chinaToday());
    setReason('');
    setError(null);
  }, [move]);

  const save = useMutation({
    mutationFn: (m: StageMove) =>
      api.post<Project>(`${BASE}/projects/${m.project.id}/stage`, {
        stage: m.to,
        date,
        ...(m.to === 'dropped' ? { reason } : {}),
        version: m.project.version,
      }),
    onSuccess: (p) => {
      void message.success(t('inv.pipeline.moved', { name: p.name, stage: t(`inv.stages.${p.stage}`) }));
      void qc.invalidateQueries({ queryKey: ik.all });
      onClose();
    },
    onError: (err) => {
      setError(errorText(err));
      // Someone else may have moved it: show the board as it is now.
      void qc.invalidateQueries({ queryKey: ik.all });
    },
  });

  const dropping = move?.to === 'dropped';
  return (
    <Modal
      open={move !== null}
      onCancel={onClose}
      title={move ? t('inv.pipeline.moveTitle', { name: move.project.name }) : null}
      okText={t('inv.pipeline.confirmMove')}
      cancelText={t('app.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !date || (dropping && !reason.trim()), 'data-testid': 'stage-confirm' }}
      onOk={() => move && save.mutate(move)}
      destroyOnHidden
    >
      {move ? (
        <div data-testid="stage-modal">
          <Typography.Paragraph>
            <StageTag stage={move.project.stage} /> → <StageTag stage={move.to} />
            <Typography.Text type="secondary">
              {t('inv.pipeline.since', { date: move.project.stageOn })}
            </Typography.Text>
          </Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="stage-error" />
          ) : null}
          <Form layout="vertical">
            <Form.Item label={t('inv.pipeline.date', { stage: t(`inv.stages.${move.to}`) })} required>
              <Input
                type="date"
                value={date}
                max={chinaToday()}
                min={move.project.stageOn}
                onChange={(e) => setDate(e.target.value)}
                aria-label={t('inv.pipeline.dateLabel')}
                data-testid="stage-date"
              />
            </Form.Item>
            {dropping ? (
              <Form.Item label={t('inv.pipeline.reason')} required>
                <Input.TextArea
                  rows={3}
                  maxLength={1000}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  aria-label={t('inv.pipeline.reason')}
                  data-testid="stage-reason"
                />
              </Form.Item>
            ) : null}
          </Form>
        </div>
      ) : null}
    </Modal>
  );
}
