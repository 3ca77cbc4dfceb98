import { Alert, App, Card, Empty, Form, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSpecInput, SavedReport } from '../../../shared/contract/reports';
import type { User } from '../../../shared/model';
import { errorText } from '../../api/notices';
import { ExportButtons } from '../exports/ExportButtons';
import { BuilderForm } from './BuilderForm';
import { defaultValues, specOf, valuesOf, withMonth, type BuilderValues } from './builder-spec';
import { useMetrics, useRunReport, useSaveReport } from './queries';
import { ReportResult } from './ReportResult';
import { SavedReports } from './SavedReports';
import { SaveReportModal, type SaveValues } from './SaveReportModal';
import { currentMonth, useScope } from './useScope';
import './i18n';
import '../charts/head-pages.css';

export function BuilderPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BuilderValues>();
  const initial = useMemo(() => defaultValues(currentMonth()), []);
  const scope = useScope(user);
  const metrics = useMetrics();
  const [spec, setSpec] = useState<ReportSpecInput | null>(null);
  const [seq, setSeq] = useState(0);
  const [editing, setEditing] = useState<SavedReport | null>(null);
  const [saving, setSaving] = useState(false);
  const result = useRunReport(spec, seq);
  const save = useSaveReport();

  const run = (next: ReportSpecInput) => {
    setSpec(next);
    setSeq((n) => n + 1);
  };
  const rerun = (report: SavedReport, shift: 0 | -1) => {
    const shifted = withMonth(report.spec, currentMonth(), shift);
    form.setFieldsValue(valuesOf(shifted));
    setEditing(report);
    run(shifted);
  };
  const load = (report: SavedReport) => {
    form.setFieldsValue(valuesOf(report.spec));
    setEditing(report);
  };
  const mayChange = (report: SavedReport) => user.role === 'admin' || report.ownerId === user.id;
  const saveInitial = useMemo<SaveValues>(
    () =>
      editing
        ? { name: editing.name, owner: editing.deptId === null ? 'personal' : 'dept', deptId: editing.deptId ?? undefined }
        : { name: '', owner: scope.departments.length ? 'dept' : 'personal', deptId: scope.departments[0]?.id },
    [editing, scope.departments],
  );

  if (scope.empty) return <Empty className="reports-empty" description={t('reports.noDepts')} />;
  const ready = result.isSuccess && !result.isFetching;

  return (
    <div className="reports-page" data-testid="builder-page">
      <BuilderForm
        form={form}
        initial={initial}
        metrics={metrics.data ?? []}
        departments={scope.departments}
        isAdmin={user.role === 'admin'}
        onRun={(v) => run(specOf(v))}
        onSave={() => setSaving(true)}
        canSave={spec !== null || editing !== null}
      />
      <Card
        size="small"
        title={<Typography.Text strong>{editing ? editing.name : t('reports.nav.builder')}</Typography.Text>}
        extra={<ExportButtons kind="report" params={() => spec} disabled={!spec} size="small" />}
      >
        {result.isError ? (
          <Alert type="warning" showIcon title={errorText(result.error, t)} data-testid="report-error" />
        ) : (
          <Space orientation="vertical" className="full-width">
            <span hidden data-testid="report-ready" data-ready={ready ? 'true' : 'false'} data-seq={seq} data-rows={result.data?.rows.length ?? ''} />
            <ReportResult table={result.data} loading={result.isFetching} />
          </Space>
        )}
      </Card>
      <SavedReports
        departments={scope.departments}
        onRerun={rerun}
        onLoad={load}
        mayDelete={mayChange}
        onDeleted={(id) => editing?.id === id && setEditing(null)}
      />
      <SaveReportModal
        open={saving}
        initial={saveInitial}
        departments={scope.departments}
        saving={save.isPending}
        onCancel={() => setSaving(false)}
        onSave={({ name, deptId }) =>
          save.mutate(
            // What the form shows now (not the last run); the same report again only when it is hers to change.
            { id: editing && editing.name === name && mayChange(editing) ? editing.id : undefined, name, deptId, spec: specOf(form.getFieldsValue(true)) },
            {
              onSuccess: (saved) => {
                setEditing(saved);
                setSaving(false);
                void message.success(t('reports.builder.saved'));
              },
            },
          )
        }
      />
    </div>
  );
}
