import { Select, Space, Table, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../../../shared/bilingual';
import type { RejectedRow } from '../../../shared/model';
import { useLang } from '../../i18n/text-in';
import { entityLabel } from './entity';
import { useRejectedRows, type RejectedFilter } from './queries';

export function RejectedTable({ entities }: { entities: string[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [filter, setFilter] = useState<RejectedFilter>({ page: 1, pageSize: 50 });
  const rejected = useRejectedRows(filter);
  // Some rejections are filed under a child entity (phones under patients), so the filter
  // also offers every entity the table has shown so far.
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(() => {
    const fresh = (rejected.data?.rows ?? []).map((r) => r.entity).filter((e) => !seen.includes(e));
    if (fresh.length) setSeen([...seen, ...new Set(fresh)]);
  }, [rejected.data, seen]);
  const options = [...new Set([...entities, ...seen])];

  const columns: TableProps<RejectedRow>['columns'] = [
    { title: t('sync.entityCol'), dataIndex: 'entity', width: 90, render: (e: string) => entityLabel(t, e) },
    { title: t('sync.sourceKey'), dataIndex: 'sourceKey', width: 140 },
    {
      title: t('sync.reason'),
      dataIndex: 'reason',
      width: 160,
      // A code the screen knows, else main's own words, "中文 (English)".
      render: (reason: string) => {
        const text = t(`sync.reasons.${reason}`, { defaultValue: inLanguage(reason, lang) });
        return <span title={text}>{text}</span>;
      },
    },
    { title: t('sync.detail'), dataIndex: 'detail', width: 220, ellipsis: true },
    {
      title: t('sync.raw'),
      dataIndex: 'raw',
      render: (raw: RejectedRow['raw']) => (raw ? <code className="raw-json">{JSON.stringify(raw)}</code> : '—'),
    },
    { title: t('sync.lastSeenAt'), dataIndex: 'lastSeenAt', width: 160 },
  ];

  return (
    <Space orientation="vertical" size="small" className="full-width">
      <Space>
        <Typography.Text>{t('sync.entityCol')}</Typography.Text>
        <Select<string>
          allowClear
          className="entity-filter"
          placeholder={t('sync.allEntities')}
          value={filter.entity}
          options={options.map((e) => ({ value: e, label: entityLabel(t, e) }))}
          onChange={(entity) => setFilter((f) => ({ ...f, entity: entity || undefined, page: 1 }))}
          data-testid="rejected-entity"
        />
        <Typography.Text type="secondary">{t('common.total', { count: rejected.data?.total ?? 0 })}</Typography.Text>
      </Space>
      <Table<RejectedRow>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rejected.data?.rows ?? []}
        loading={rejected.isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: rejected.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          size: 'small',
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize })),
        }}
        data-testid="sync-rejected"
      />
    </Space>
  );
}
