import { Button, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { HTMLAttributes, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contract/followup';
import { genderLabel } from '../../app/codes';
import { ColourTag } from './ColourTag';
import { LiveCallTag } from './LiveCallTag';
import { DueText } from './DueText';
import type { QueueScope } from './state';
import { CycleTag } from './CycleTag';
import { DeadlineCountdown } from '../critical-value/DeadlineCountdown';
import { inLanguage } from '../../../shared/bilingual';
import { useLang, usePointText } from '../../i18n/text-in';

interface Props {
  scope: QueueScope;
  userId: number;
  rows: QueueRow[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onActivate: (row: QueueRow) => void;
}

/** What clicking a row does: continue my own task, claim a free one, or look at someone else's. */
export function rowAction(row: QueueRow, userId: number): 'open' | 'claim' | 'view' {
  if (row.status === 'claimed') return row.assignee?.id === userId ? 'open' : 'view';
  return 'claim';
}

function moveFocus(row: HTMLElement, dir: 1 | -1) {
  const next = (dir === 1 ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
  if (next?.dataset.testid === 'queue-row') next.focus();
}

export function QueueTable({ scope, userId, rows, total, loading, page, pageSize, onPage, onActivate }: Props) {
  const { t } = useTranslation();
  const names = usePointText();
  const lang = useLang();
  const reason = (r: QueueRow) => (r.priorityReason === null ? null : inLanguage(r.priorityReason, lang));
  const columns: TableProps<QueueRow>['columns'] = [
    {
      title: t('queue.columns.colour'),
      key: 'colour',
      width: 210,
      render: (_, r) => (
        <Space size={4} wrap>
          <ColourTag colour={r.colour} />
          <LiveCallTag call={r.liveCall} />
          {r.missedCall && (
            <Tag color="gold" className="queue-missed-call" data-testid="queue-missed-call">
              {t('queue.missedCall', { at: r.missedCall.at.slice(5, 16), number: r.missedCall.number })}
              {r.missedCall.count > 1 && t('queue.missedCalls', { count: r.missedCall.count })}
            </Tag>
          )}
          {r.kind === 'escalation' ? (
            <Tooltip title={reason(r)}>
              <Tag color="magenta" variant="solid">
                {t('queue.escalation')}
              </Tag>
            </Tooltip>
          ) : (
            r.critical && (
              // The reason says what jumped the queue: a new critical value (危急值) or a red answer.
              <Tooltip title={reason(r)}>
                <Tag color="red" className="queue-reason">
                  {reason(r) ?? t('queue.critical')}
                </Tag>
              </Tooltip>
            )
          )}
        </Space>
      ),
    },
    {
      title: t('queue.columns.patient'),
      key: 'patient',
      width: 190,
      render: (_, r) => (
        <span className="cell-name">
          <Typography.Text strong>{r.patientName}</Typography.Text>
          <span>{genderLabel(t, r.genderCode)}</span>
          {r.age !== null && <span>{t('queue.age', { age: r.age })}</span>}
          {r.hasDraft && <Tag color="blue">{t('queue.draft')}</Tag>}
        </span>
      ),
    },
    {
      title: t('queue.columns.plan'),
      key: 'plan',
      ellipsis: true,
      render: (_, r) => {
        const n = names(r);
        return (
          <span title={`${n.plan} · ${n.track}`}>
            <Typography.Text strong>{n.point ?? n.track}</Typography.Text>
            <CycleTag n={r.cycleNo} />
            <Typography.Text type="secondary" className="queue-plan-name">
              {n.plan}
            </Typography.Text>
          </span>
        );
      },
    },
    { title: t('queue.columns.dept'), dataIndex: 'deptName', width: 120, ellipsis: true },
    {
      title: t('queue.columns.due'),
      key: 'due',
      width: 190,
      // A critical value to tell counts down to its deadline instead.
      render: (_, r) =>
        r.criticalDeadline ? <DeadlineCountdown deadline={r.criticalDeadline} /> : <DueText dueDate={r.dueDate} overdueDays={r.overdueDays} />,
    },
    {
      title: t('queue.columns.callback'),
      key: 'callback',
      width: 170,
      render: (_, r) =>
        r.callbackAt && (
          <span>
            {r.callbackAt.slice(0, 16)}
            {r.reservedFor && (
              <Typography.Text type="secondary" className="queue-reserved">
                {t('queue.reservedFor', { name: r.reservedFor.name })}
              </Typography.Text>
            )}
          </span>
        ),
    },
    {
      title: t('queue.columns.attempts'),
      key: 'attempts',
      width: 150,
      render: (_, r) => (
        <span>
          {r.retryCount > 0
            ? t('queue.attempt', { n: r.retryCount + 1, max: r.maxAttempts })
            : !r.lastAttempt && <Typography.Text type="secondary">{t('queue.notTried')}</Typography.Text>}
          {r.lastAttempt && (
            <Typography.Text
              type={r.lastAttempt.outcome === 'connected' ? 'success' : 'warning'}
              className="queue-last-attempt"
              data-testid="queue-last-attempt"
              data-outcome={r.lastAttempt.outcome}
            >
              {t('queue.lastAttempt', { at: r.lastAttempt.at.slice(5, 16), outcome: t(`codes.attemptOutcome.${r.lastAttempt.outcome}`) })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    ...(scope === 'team'
      ? []
      : [{ title: t('queue.columns.assignee'), key: 'assignee', width: 96, render: (_: unknown, r: QueueRow) => r.assignee?.name ?? '' }]),
    {
      title: t('queue.columns.action'),
      key: 'action',
      width: 84,
      render: (_, r) => {
        const action = rowAction(r, userId);
        return (
          <Button
            size="small"
            type={action === 'claim' ? 'primary' : 'default'}
            data-testid={`row-${action}`}
            onClick={(e) => {
              e.stopPropagation();
              onActivate(r);
            }}
          >
            {t(`queue.${action}`)}
          </Button>
        );
      },
    },
  ];

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, r: QueueRow) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault();
      onActivate(r);
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveFocus(e.currentTarget, 1);
    }
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      moveFocus(e.currentTarget, -1);
    }
  };

  return (
    <Table<QueueRow>
      size="small"
      className="queue-table"
      data-testid="queue-table"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: t('queue.empty') }}
      rowClassName={(r) => (r.critical || r.colour === 'red' ? 'queue-row-red' : '')}
      onRow={(r) =>
        ({
          tabIndex: 0,
          'data-testid': 'queue-row',
          'data-task-id': r.id,
          onClick: () => onActivate(r),
          onKeyDown: (e: KeyboardEvent<HTMLElement>) => onKeyDown(e, r),
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => t('common.total', { count: n }),
        onChange: onPage,
      }}
    />
  );
}
