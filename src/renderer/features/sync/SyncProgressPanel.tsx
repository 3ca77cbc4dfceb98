import { Progress, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncRun } from '../../../shared/model';
import { entityLabel } from './entity';
import type { LiveRun } from './useSyncProgress';

const STATUS_COLOR: Record<SyncRun['status'], string> = {
  running: 'processing', ok: 'success', failed: 'error', cancelled: 'default',
};

export function StatusTag({ status }: { status: SyncRun['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`sync.status.${status}`)}</Tag>;
}

// The HIS does not say how many rows are coming, so progress is per entity (steps done) and
// the running entity shows its read count rather than a guessed percentage.
export function SyncProgressPanel({ live }: { live: LiveRun | null }) {
  const { t } = useTranslation();
  if (!live) return <Typography.Text type="secondary">{t('sync.idle')}</Typography.Text>;

  const done = live.entities.filter((e) => e.done).length;
  const total = live.entities.length;
  const running = live.status === 'running';
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);

  return (
    <div className="sync-progress" data-testid="sync-progress" data-status={live.status} data-run-id={live.runId}>
      <div className="sync-progress-head">
        <Typography.Text strong>{t('sync.run')} #{live.runId}</Typography.Text>
        <StatusTag status={live.status} />
        <Progress
          className="sync-progress-bar"
          percent={running ? Math.min(percent, 99) : 100}
          status={live.status === 'failed' ? 'exception' : running ? 'active' : live.status === 'ok' ? 'success' : 'normal'}
          size="small"
        />
      </div>
      <Steps
        size="small"
        items={live.entities.map((e) => ({
          title: entityLabel(t, e.entity),
          status: e.done ? 'finish' : running ? 'process' : live.status === 'failed' ? 'error' : 'wait',
          content: (
            <span data-testid="sync-entity" data-entity={e.entity}>
              {t('sync.read', { count: e.read })}
              {e.rejected > 0 && (
                <Typography.Text type="danger"> · {t('sync.rejectedCount', { count: e.rejected })}</Typography.Text>
              )}
            </span>
          ),
        }))}
      />
    </div>
  );
}
