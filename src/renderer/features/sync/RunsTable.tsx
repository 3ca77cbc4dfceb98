import { Table, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntityCounts, SyncRun } from '../../../shared/model';
import { entityLabel } from './entity';
import { StatusTag } from './SyncProgressPanel';

function Counts({ counts }: { counts: Record<string, EntityCounts> }) {
  const { t } = useTranslation();
  return (
    <div className="run-counts">
      {Object.entries(counts).map(([entity, c]) => (
        <span key={entity} className="run-count" title={`read ${c.read}`}>
          <Typography.Text type="secondary">{entityLabel(t, entity)}</Typography.Text> {c.inserted}/{c.updated}/{c.unchanged}/
          <Typography.Text type={c.rejected > 0 ? 'danger' : undefined}>{c.rejected}</Typography.Text>
          {/* A patient's bad phone or ID number is counted as such, not as a rejected patient. */}
          {Object.entries(c.flagged ?? {}).map(([sub, n]) => (
            <Typography.Text key={sub} type="warning" className="run-flagged" title={t('sync.flaggedHint')} data-testid="run-flagged">
              {' · '}
              {t('sync.flagged', { entity: entityLabel(t, sub), count: n })}
            </Typography.Text>
          ))}
        </span>
      ))}
    </div>
  );
}

export function RunsTable({ runs, loading }: { runs: SyncRun[]; loading: boolean }) {
  const { t } = useTranslation();
  const columns: TableProps<SyncRun>['columns'] = [
    { title: t('sync.run'), dataIndex: 'id', width: 64 },
    { title: t('sync.statusCol'), dataIndex: 'status', width: 88, render: (s: SyncRun['status']) => <StatusTag status={s} /> },
    { title: t('sync.startedAt'), dataIndex: 'startedAt', width: 160 },
    { title: t('sync.finishedAt'), dataIndex: 'finishedAt', width: 160 },
    { title: t('sync.triggeredBy'), dataIndex: 'triggeredBy', width: 90 },
    { title: t('sync.counts'), dataIndex: 'counts', render: (c: SyncRun['counts']) => <Counts counts={c} /> },
    {
      title: t('sync.error'),
      dataIndex: 'error',
      width: 220,
      ellipsis: true,
      render: (e: string | null) =>
        e && (
          <Typography.Text type="danger" title={e}>
            {e}
          </Typography.Text>
        ),
    },
  ];
  return <Table<SyncRun> size="small" rowKey="id" columns={columns} dataSource={runs} loading={loading} pagination={false} data-testid="sync-runs" />;
}
