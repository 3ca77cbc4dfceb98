import { ThunderboltOutlined } from '@ant-design/icons';
import { Badge, Button, Space, Tabs, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contract/followup';
import type { User } from '../../../shared/model';
import { navigate } from '../../app/router';
import { ExportButtons } from '../exports/ExportButtons';
import { isTyping } from './keys';
import { MyCompleted } from './MyCompleted';
import { NoPlanHint } from './NoPlanHint';
import { QueueFilters } from './QueueFilters';
import { QueueTable, rowAction } from './QueueTable';
import { useClaim, useQueue, useTakeNext } from './queries';
import { queueInputOf, setQueueView, useQueueView, type QueueScope } from './state';
import './i18n';
import './queue.css';

export function QueuePage({ user }: { user: User }) {
  const { t } = useTranslation();
  const view = useQueueView();
  // Only heads see everyone's claims; a nurse who had "all" saved falls back to the team list.
  const scope: QueueScope = view.scope === 'all' && user.role !== 'head' ? 'team' : view.scope;
  const input = queueInputOf({ ...view, scope });
  const queue = useQueue(input);
  const takeNext = useTakeNext();
  const claim = useClaim();
  const counts = queue.data?.counts;
  const takeNextRef = useRef(takeNext);
  takeNextRef.current = takeNext;

  // N or Ctrl+Enter takes the next task from anywhere on the page (N not while typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const plainN = (e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.altKey && !e.metaKey && !isTyping(e.target);
      const ctrlEnter = e.key === 'Enter' && (e.ctrlKey || e.metaKey);
      if ((!plainN && !ctrlEnter) || e.repeat) return;
      e.preventDefault();
      if (!takeNextRef.current.isPending) takeNextRef.current.mutate();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const activate = (row: QueueRow) => {
    const action = rowAction(row, user.id);
    if (action === 'claim') claim.mutate(row.id);
    else navigate({ name: 'followup', taskId: row.id });
  };

  const tab = (key: QueueScope, count?: number) => ({
    key,
    label: (
      <span data-testid={`queue-tab-${key}`}>
        {t(`queue.tabs.${key}`)}
        {count !== undefined && (
          <Badge
            count={count}
            showZero
            overflowCount={999}
            className="queue-badge"
            color={key === 'mine' ? '#1677ff' : '#8c8c8c'}
            data-testid={`queue-count-${key}`}
          />
        )}
      </span>
    ),
  });

  return (
    <div className="queue-page" data-testid="queue-page">
      <div className="queue-head">
        <Tabs
          activeKey={scope}
          onChange={(k) => setQueueView({ scope: k as QueueScope })}
          items={[tab('mine', counts?.mine), tab('team', counts?.unclaimed), ...(user.role === 'head' ? [tab('all')] : [])]}
          className="queue-tabs"
        />
        {counts && (
          <Space size="middle" className="queue-counts" data-testid="queue-counts">
            <span>
              {t('queue.counts.overdue')}{' '}
              <Typography.Text type="danger" strong>
                {counts.overdue}
              </Typography.Text>
            </span>
            <span>
              {t('queue.counts.dueToday')}{' '}
              <Typography.Text type="warning" strong>
                {counts.dueToday}
              </Typography.Text>
            </span>
            <span>
              {t('queue.counts.red')}{' '}
              <Typography.Text type="danger" strong>
                {counts.red}
              </Typography.Text>
            </span>
            <span>
              {t('queue.counts.callbacksDue')} <Typography.Text strong>{counts.callbacksDue}</Typography.Text>
            </span>
          </Space>
        )}
        <MyCompleted />
        <Button type="primary" icon={<ThunderboltOutlined />} loading={takeNext.isPending} onClick={() => takeNext.mutate()} data-testid="take-next">
          {t('queue.next')}
          <Typography.Text keyboard className="queue-next-keys">
            {t('queue.nextKeys')}
          </Typography.Text>
        </Button>
      </div>
      <QueueFilters view={view} />
      <div className="queue-export">
        <ExportButtons
          kind="queue"
          size="small"
          disabled={!queue.data?.total}
          params={() => {
            const { page: _p, pageSize: _s, ...filter } = input;
            return filter;
          }}
        />
      </div>
      <NoPlanHint role={user.role} queueEmpty={queue.data?.total === 0} />
      <QueueTable
        scope={scope}
        userId={user.id}
        rows={queue.data?.rows ?? []}
        total={queue.data?.total ?? 0}
        loading={queue.isFetching}
        page={view.page}
        pageSize={view.pageSize}
        onPage={(page, pageSize) => setQueueView({ page, pageSize })}
        onActivate={activate}
      />
      <span
        hidden
        data-testid="queue-ready"
        data-ready={!queue.isFetching && !queue.isPlaceholderData ? 'true' : 'false'}
        data-total={queue.data?.total ?? ''}
      />
    </div>
  );
}
