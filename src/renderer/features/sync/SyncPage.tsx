import { StopOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model';
import { HisCheckButton } from './HisCheck';
import { useCancelSync, useStartSync } from './mutations';
import { useSyncRuns } from './queries';
import { RejectedTable } from './RejectedTable';
import { RunsTable } from './RunsTable';
import { SyncProgressPanel } from './SyncProgressPanel';
import { useSyncProgress } from './useSyncProgress';

export function SyncPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const runs = useSyncRuns();
  const live = useSyncProgress();
  const start = useStartSync();
  const cancel = useCancelSync();

  // A run may have been started elsewhere (scheduler, CLI, another admin) before this page opened.
  const runningId = (live?.status === 'running' ? live.runId : undefined) ?? runs.data?.find((r) => r.status === 'running')?.id;
  const entities = useMemo(() => [...new Set((runs.data ?? []).flatMap((r) => Object.keys(r.counts)))], [runs.data]);
  const expected = useMemo(() => Object.keys(runs.data?.find((r) => r.status === 'ok')?.counts ?? {}), [runs.data]);
  const isAdmin = role === 'admin';

  return (
    <Space orientation="vertical" size="middle" className="sync-page full-width">
      <Card
        size="small"
        title={t('sync.progress')}
        extra={
          isAdmin && (
            <Space>
              <Button
                type="primary"
                icon={<SyncOutlined spin={runningId !== undefined} />}
                disabled={runningId !== undefined}
                loading={start.isPending}
                onClick={() => start.mutate(undefined, { onSuccess: ({ runId }) => message.info(t('sync.started', { id: runId })) })}
                data-testid="sync-start"
              >
                {t('sync.start')}
              </Button>
              <Button
                danger
                icon={<StopOutlined />}
                disabled={runningId === undefined}
                loading={cancel.isPending}
                onClick={() => runningId && cancel.mutate(runningId, { onSuccess: () => message.info(t('sync.cancelRequested')) })}
                data-testid="sync-cancel"
              >
                {t('sync.cancel')}
              </Button>
              <HisCheckButton />
            </Space>
          )
        }
      >
        <SyncProgressPanel live={live} expected={expected} />
      </Card>
      <Card size="small" title={t('sync.runs')}>
        <RunsTable runs={runs.data ?? []} loading={runs.isFetching} />
      </Card>
      <Card size="small" title={t('sync.rejected')}>
        <RejectedTable entities={entities} />
      </Card>
    </Space>
  );
}
