import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyCompletedRow } from '../../../shared/contract/followup-done';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { ColourTag } from './ColourTag';
import { taskKeys } from './queries';
import { usePointText } from '../../i18n/text-in';

type Period = 'today' | 'week';
const DISPOSITIONS = ['completed', 'no_contact', 'no_valid_number', 'refused', 'deceased', 'callback'];

/** Her own closed follow-ups, today or this week; a row opens the (read-only) follow-up. */
export function MyCompleted() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const names = usePointText();
  const [open, setOpen] = useState(false);
  const [period, setPeriod] = useState<Period>('today');
  const [page, setPage] = useState(1);
  const done = useQuery({
    // Under taskKeys.all: a completion anywhere (tasks.changed) refreshes it with the queue.
    queryKey: [...taskKeys.all, 'myCompleted', period, page],
    queryFn: () => api.call('tasks.myCompleted', { period, page, pageSize: 20 }),
    enabled: open,
  });
  const outcome = (r: MyCompletedRow) => t(`queue.done.dispo.${DISPOSITIONS.includes(r.disposition ?? '') ? r.disposition : 'other'}`);
  return (
    <>
      <Button icon={<CheckCircleOutlined />} onClick={() => setOpen(true)} data-testid="my-completed-open">
        {t('queue.done.button')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} size={760} title={t('queue.done.title')} destroyOnHidden>
        <Space className="queue-done-head">
          <Segmented<Period>
            value={period}
            onChange={(p) => {
              setPeriod(p);
              setPage(1);
            }}
            options={(['today', 'week'] as const).map((p) => ({
              value: p,
              label: `${t(`queue.done.${p}`)} ${done.data ? done.data.counts[p] : ''}`,
            }))}
            aria-label={t('queue.done.period')}
            data-testid="my-completed-period"
          />
          {done.data && <Typography.Text type="secondary">{t('queue.done.range', { from: done.data.from, to: done.data.to })}</Typography.Text>}
        </Space>
        <Table<MyCompletedRow>
          size="small"
          rowKey="taskId"
          className="queue-table"
          loading={done.isFetching}
          dataSource={done.data?.rows ?? []}
          locale={{ emptyText: t('queue.done.empty') }}
          pagination={{ current: page, pageSize: 20, total: done.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => navigate({ name: 'followup', taskId: r.taskId }), 'data-testid': 'my-completed-row' }) as object}
          columns={[
            { key: 'at', title: t('queue.done.at'), render: (_, r) => <span className="nowrap">{r.completedAt.slice(period === 'today' ? 11 : 5, 16)}</span> },
            { key: 'patient', title: t('queue.columns.patient'), dataIndex: 'patientName' },
            { key: 'plan', title: t('queue.columns.plan'), render: (_, r) => [names(r).track, names(r).point].filter(Boolean).join(' · ') },
            { key: 'outcome', title: t('queue.done.outcome'), render: (_, r) => outcome(r) },
            { key: 'colour', title: t('queue.columns.colour'), render: (_, r) => <ColourTag colour={r.warningColour} /> },
            {
              key: 'measures',
              title: t('queue.done.measures'),
              render: (_, r) =>
                r.measures.map((m) => (
                  <Tag key={m.id}>
                    {en ? m.labelEn : m.label} {m.value}
                  </Tag>
                )),
            },
          ]}
        />
      </Drawer>
    </>
  );
}
