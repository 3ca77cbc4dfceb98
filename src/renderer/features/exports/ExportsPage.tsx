import { DownloadOutlined, ExperimentOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportProgress, ExportRecord } from '../../../shared/contract/reports';
import type { User } from '../../../shared/model';
import { inLanguage } from '../../../shared/bilingual';
import { errorText } from '../../api/notices';
import { currentLanguage } from '../../i18n';
import { useDepartments } from '../departments/queries';
import { downloadExport } from '../../api/downloads';
import { useCancelExport, useExportProgress, useExports } from './queries';
import { ResearchExportModal } from './ResearchExportModal';
import './i18n';

const STATUS_COLOUR: Record<ExportRecord['status'], string> = {
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'default',
  expired: 'default',
};

function LiveStatus({ record, live }: { record: ExportRecord; live: ExportProgress | undefined }) {
  const { t } = useTranslation();
  const status = live?.status ?? record.status;
  const tag = (
    <Tag color={STATUS_COLOUR[status]} data-testid="export-status" data-status={status}>
      {t(`exports.status.${status}`)}
    </Tag>
  );
  if (status !== 'running') return tag;
  const rows = live?.rows ?? record.rows;
  const total = live?.total ?? null;
  return (
    <Space size={4}>
      {tag}
      {total ? (
        <Progress percent={Math.floor((rows / total) * 100)} size="small" className="export-progress" />
      ) : (
        <Typography.Text type="secondary">{t('exports.progressRows', { rows: rows.toLocaleString('zh-CN') })}</Typography.Text>
      )}
    </Space>
  );
}

/** Recent exports: live progress, cancel a running one, download a finished one. */
export function ExportsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useExports();
  const live = useExportProgress();
  const cancel = useCancelExport();
  const departments = useDepartments();
  const [research, setResearch] = useState(false);
  const canResearch = user.role !== 'nurse';

  const download = (id: number) => downloadExport(id).catch((err: unknown) => void message.error(errorText(err, t)));
  const columns: ColumnsType<ExportRecord> = [
    { title: t('exports.col.kind'), dataIndex: 'kind', width: 110, render: (k: ExportRecord['kind']) => t(`exports.kind.${k}`) },
    { title: t('exports.col.format'), dataIndex: 'format', width: 70, render: (f: string) => f.toUpperCase() },
    { title: t('exports.col.status'), key: 'status', width: 230, render: (_, r) => <LiveStatus record={r} live={live.get(r.id)} /> },
    {
      title: t('exports.col.rows'),
      dataIndex: 'rows',
      width: 90,
      align: 'right',
      render: (n: number, r) => (live.get(r.id)?.rows ?? n).toLocaleString('zh-CN'),
    },
    {
      title: t('exports.col.file'),
      dataIndex: 'fileName',
      ellipsis: true,
      render: (f: string | null, r) =>
        f ?? (r.error ? <Typography.Text type="danger">{inLanguage(r.error, currentLanguage() === 'en' ? 'en' : 'zh')}</Typography.Text> : t('common.none')),
    },
    { title: t('exports.col.createdAt'), dataIndex: 'createdAt', width: 160 },
    { title: t('exports.col.finishedAt'), dataIndex: 'finishedAt', width: 160, render: (v: string | null) => v ?? t('common.none') },
    { title: t('exports.col.by'), dataIndex: 'byName', width: 90 },
    {
      title: t('exports.col.action'),
      key: 'action',
      width: 100,
      render: (_, r) => {
        const status = live.get(r.id)?.status ?? r.status;
        if (status === 'running')
          return (
            <Button
              size="small"
              danger
              icon={<StopOutlined />}
              loading={cancel.isPending && cancel.variables === r.id}
              onClick={() => cancel.mutate(r.id, { onSuccess: () => void message.info(t('exports.cancelled')) })}
              data-testid="export-cancel"
            >
              {t('exports.cancel')}
            </Button>
          );
        if (status === 'done' && r.fileName)
          return (
            <Button size="small" type="primary" icon={<DownloadOutlined />} onClick={() => void download(r.id)} data-testid="export-download">
              {t('exports.download')}
            </Button>
          );
        return null;
      },
    },
  ];

  return (
    <Card
      size="small"
      title={t('exports.history')}
      data-testid="exports-page"
      extra={
        <Space>
          {canResearch && (
            <Button icon={<ExperimentOutlined />} onClick={() => setResearch(true)} data-testid="research-export">
              {t('exports.research')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
            {t('exports.refresh')}
          </Button>
        </Space>
      }
    >
      <Table<ExportRecord>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={[...(list.data ?? [])].sort((a, b) => b.id - a.id)}
        loading={list.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('exports.empty') }}
        onRow={(r) => ({ 'data-testid': 'export-row', 'data-id': r.id, 'data-kind': r.kind }) as object}
      />
      {list.isError && <Typography.Text type="danger">{errorText(list.error, t)}</Typography.Text>}
      <ResearchExportModal open={research} departments={departments.data ?? []} onClose={() => setResearch(false)} />
    </Card>
  );
}
