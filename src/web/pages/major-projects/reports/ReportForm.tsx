import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Result,
  Select,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client.ts';
import { shiftDown, toYuan } from '../../../components/amount.ts';
import { applyApiError, isStale } from '../../../components/formErrors.ts';
import { sendFile } from '../../../components/upload.ts';
import {
  addMonths,
  chinaToday,
  type FileMeta,
  type MonthlyReport,
  mk,
  projectPath,
  useProjects,
  useReports,
} from '../api.ts';
import { MAX_BYTES, PHOTO_TYPES } from '../projects/PhotoGallery.tsx';
import { Amount, KindTag } from '../ui.tsx';

interface Values {
  completed: string;
  progress: string;
  problems: string;
  reason: string;
}
const FIELDS = ['completed', 'progress', 'problems', 'reason'] as const;

/** 元 from the API as the 万元 a user edits: no grouping, no trailing zeros. */
const wanInput = (yuan: string) => shiftDown(yuan, 4, 6, false).replace(/\.?0+$/, '');

interface Outcome {
  report: MonthlyReport;
  corrected: boolean;
  photos: number;
  photoErrors: string[];
}

/**
 * 月报填报: the month's completed investment (万元), 形象进度 in words and
 * photos, and problems (each opens an issue). A filed month is corrected
 * instead, with a reason; the earlier figure stays in the history.
 */
export function ReportForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const projects = useProjects({});
  const projectId = params.get('project') ?? (projects.data?.items.length === 1 ? projects.data.items[0].id : null);
  const project = projects.data?.items.find((p) => p.id === projectId);
  const reports = useReports(projectId ?? '', projectId !== null);
  const filed = new Map((reports.data?.items ?? []).map((r) => [r.month, r]));
  const thisMonth = chinaToday().slice(0, 7);
  const lastMonth = addMonths(thisMonth, -1);
  const month = params.get('month') ?? (reports.data && !filed.has(lastMonth) ? lastMonth : thisMonth);
  const existing = filed.get(month);
  const setParam = (k: string, v: string | null) => {
    setError(null);
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        if (k === 'project') n.delete('month');
        return n;
      },
      { replace: true },
    );
  };
  // A filed month opens with its figures to correct, an empty one blank: the form is rebuilt per project and month.
  const formKey = `${projectId}|${month}|${existing?.version ?? 0}`;
  const initial: Partial<Values> = existing
    ? { completed: wanInput(existing.completed), progress: existing.progress, problems: existing.problems, reason: '' }
    : {};

  const save = useMutation({
    mutationFn: async (v: Values): Promise<Outcome> => {
      const completed = toYuan(v.completed, 'wan') as string;
      const body = { completed, progress: v.progress?.trim() ?? '', problems: v.problems?.trim() ?? '' };
      const report = existing
        ? await api.patch<MonthlyReport>(`${projectPath(projectId ?? '')}/reports/${month}`, {
            ...body,
            version: existing.version,
            reason: v.reason.trim(),
          })
        : await api.post<MonthlyReport>(`${projectPath(projectId ?? '')}/reports`, { ...body, month });
      // The report is in; each photo goes up on its own so one refused file does not lose the others.
      const photoErrors: string[] = [];
      let sent = 0;
      for (const p of photos) {
        if (!p.originFileObj) continue;
        try {
          await sendFile<FileMeta>(`${projectPath(projectId ?? '')}/files`, p.originFileObj, { query: { month } });
          sent++;
        } catch (err) {
          photoErrors.push(`${p.name}: ${(err as Error).message}`);
        }
      }
      return { report, corrected: existing !== undefined, photos: sent, photoErrors };
    },
    onSuccess: (o) => {
      setOutcome(o);
      setPhotos([]);
      void qc.invalidateQueries({ queryKey: mk.all });
    },
    onError: (err) => {
      setError(applyApiError(form, err, FIELDS));
      if (isStale(err)) void qc.invalidateQueries({ queryKey: mk.sub(projectId ?? '', 'reports') });
    },
  });

  if (outcome) {
    const r = outcome.report;
    return (
      <Result
        status={outcome.photoErrors.length ? 'warning' : 'success'}
        data-testid="report-done"
        title={t(outcome.corrected ? 'major.report.correctedDone' : 'major.report.filedDone', {
          month: r.month,
          name: r.projectName,
        })}
        subTitle={
          <>
            <div>
              {t('major.fields.monthCompleted')} <Amount yuan={r.completed} />
              {outcome.photos ? ` · ${t('major.report.photosSent', { count: outcome.photos })}` : ''}
            </div>
            {r.openedIssueId ? <div>{t('major.report.issueOpened')}</div> : null}
            {outcome.photoErrors.map((e) => (
              <Typography.Text key={e} type="danger">
                {e}
              </Typography.Text>
            ))}
          </>
        }
        extra={[
          <Link key="view" to={`/major-projects/projects/${r.projectId}?tab=reports`} data-testid="view-project">
            {t('major.report.viewProject')}
          </Link>,
          <Button key="again" onClick={() => setOutcome(null)}>
            {t('major.report.again')}
          </Button>,
        ]}
      />
    );
  }

  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, -i));
  return (
    <Card size="small" style={{ maxWidth: 720 }}>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />
      ) : null}
      <Form<Values>
        key={formKey}
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item label={t('major.fields.project')} required>
          <Select
            aria-label={t('major.fields.project')}
            showSearch={{ optionFilterProp: 'label' }}
            loading={projects.isPending}
            value={projectId ?? undefined}
            placeholder={t('major.report.pickProject')}
            onChange={(v) => setParam('project', v)}
            options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.key} ${p.name}` }))}
          />
        </Form.Item>
        {project?.plan ? (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'kind', label: t('major.fields.kind'), children: <KindTag kind={project.plan.kind} /> },
              {
                key: 'plan',
                label: `${project.plan.year} ${t('major.fields.annualPlan')}`,
                children: <Amount yuan={project.plan.annualPlan} />,
              },
            ]}
          />
        ) : null}
        <Form.Item label={t('major.fields.month')} required>
          <Select
            aria-label={t('major.fields.month')}
            value={month}
            disabled={!projectId}
            onChange={(v) => setParam('month', v)}
            options={months.map((m) => ({
              value: m,
              label: (
                <span>
                  {m} {filed.has(m) ? <Tag color="green">{t('major.report.filed')}</Tag> : null}
                </span>
              ),
            }))}
          />
        </Form.Item>
        {existing ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="correcting"
            title={t('major.report.correcting', { month, name: existing.filedByName })}
            description={t('major.report.correctingHint')}
          />
        ) : null}
        <Form.Item
          name="completed"
          label={t('major.withUnit', { title: t('major.fields.monthCompleted'), unit: t('major.units.wan') })}
          rules={[
            { required: true, message: t('major.report.needAmount') },
            {
              validator: (_, v) =>
                !v || toYuan(v, 'wan') !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('major.report.badAmount'))),
            },
          ]}
        >
          <Input inputMode="decimal" autoComplete="off" placeholder="0.00" />
        </Form.Item>
        <Form.Item name="progress" label={t('major.fields.progress')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('major.report.progressHint')} />
        </Form.Item>
        <Form.Item name="problems" label={t('major.fields.problems')} extra={t('major.report.problemsHint')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {existing ? (
          <Form.Item
            name="reason"
            label={t('major.report.reason')}
            rules={[{ required: true, whitespace: true, message: t('major.report.needReason') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('major.report.photos')} extra={t('major.photos.hint')}>
          <Upload
            listType="picture-card"
            accept={PHOTO_TYPES}
            multiple
            fileList={photos}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                void message.error(t('major.photos.tooLarge', { name: f.name }));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setPhotos(fileList)}
          >
            <button type="button" style={{ border: 0, background: 'none' }} data-testid="add-photo">
              <PlusOutlined />
              <div style={{ marginTop: 8 }}>{t('major.report.addPhoto')}</div>
            </button>
          </Upload>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={save.isPending}
          disabled={!projectId}
          data-testid="submit-report"
        >
          {existing ? t('major.report.submitCorrection') : t('major.report.submit')}
        </Button>
      </Form>
    </Card>
  );
}
