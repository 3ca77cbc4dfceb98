import { Progress, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncProgress, SyncRun } from '../../../shared/model';
import { entityLabel } from './entity';
import type { LiveRun } from './useSyncProgress';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

const STATUS_COLOR: Record<SyncRun['status'], string> = {
  running: 'processing',
  ok: 'success',
  failed: 'error',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: SyncRun['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`sync.status.${status}`)}</Tag>;
}

function stepStatus(i: number, current: number, run: SyncRun['status']): StepStatus {
  if (run === 'ok') return 'finish';
  if (i < current) return 'finish';
  if (i > current) return 'wait';
  return run === 'running' ? 'process' : run === 'failed' ? 'error' : 'wait';
}

interface Props {
  live: LiveRun | null;
  /** Entities of the last finished run, in order: the steps this run is expected to go through. */
  expected: string[];
}

// The HIS does not say how many rows are coming, so progress counts entities, and each one
// shows what has been read so far.
export function SyncProgressPanel({ live, expected }: Props) {
  const { t } = useTranslation();
  if (!live) return <Typography.Text type="secondary">{t('sync.idle')}</Typography.Text>;

  const seen = new Map<string, SyncProgress>(live.entities.map((e) => [e.entity, e]));
  const steps = [...new Set([...expected, ...seen.keys()])];
  const last = live.entities.at(-1)?.entity;
  const current = last ? steps.indexOf(last) : 0;
  const running = live.status === 'running';
  const percent = running ? Math.min(99, Math.round((current / Math.max(steps.length, 1)) * 100)) : 100;

  return (
    <div className="sync-progress" data-testid="sync-progress" data-status={live.status} data-run-id={live.runId}>
      <div className="sync-progress-head">
        <Typography.Text strong>
          {t('sync.run')} #{live.runId}
        </Typography.Text>
        <StatusTag status={live.status} />
        <Progress
          className="sync-progress-bar"
          percent={percent}
          status={live.status === 'failed' ? 'exception' : running ? 'active' : live.status === 'ok' ? 'success' : 'normal'}
          size="small"
        />
      </div>
      <Steps
        size="small"
        className="sync-steps"
        items={steps.map((entity, i) => {
          const p = seen.get(entity);
          return {
            title: entityLabel(t, entity),
            status: stepStatus(i, current, live.status),
            content: p && (
              <span data-testid="sync-entity" data-entity={entity}>
                {t('sync.read', { count: p.read })}
                {p.rejected > 0 && <Typography.Text type="danger"> · {t('sync.rejectedCount', { count: p.rejected })}</Typography.Text>}
              </span>
            ),
          };
        })}
      />
    </div>
  );
}
