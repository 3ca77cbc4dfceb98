import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditFilter } from '../../../shared/contract/audit';
import { ExportButtons } from '../exports/ExportButtons';
import { AuditFilters } from './AuditFilters';
import { useAuditSearch, useAuditVerify } from './queries';
import { VerifyResult } from './VerifyResult';
import './i18n';

const PAGE_SIZE = 50;

/**
 * The admin's audit log, newest first: filter, page, export (same filter), and check the hash
 * chain. Every search, export and check is itself audited on the server.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const search = useAuditSearch(filter, page, PAGE_SIZE);
  const verify = useAuditVerify();

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.col.at'), dataIndex: 'at', width: 160 },
    { title: t('audit.col.username'), dataIndex: 'username', width: 120, render: (v: string | null) => v ?? t('audit.anonymous') },
    { title: t('audit.col.action'), dataIndex: 'action', width: 160 },
    { title: t('audit.col.patientId'), dataIndex: 'patientId', width: 100 },
    { title: t('audit.col.address'), dataIndex: 'address', width: 140 },
    {
      title: t('audit.col.detail'),
      dataIndex: 'detail',
      ellipsis: true,
      render: (v: string | null) => (v ? <Typography.Text title={v}>{v}</Typography.Text> : null),
    },
    {
      title: t('audit.col.sealed'),
      dataIndex: 'sealed',
      width: 90,
      render: (v: boolean) => <Tag color={v ? 'success' : 'default'}>{v ? t('audit.sealed') : t('audit.pending')}</Tag>,
    },
  ];

  return (
    <Card
      size="small"
      title={t('audit.title')}
      data-testid="audit-page"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void search.refetch()} loading={search.isFetching}>
            {t('audit.refresh')}
          </Button>
          <ExportButtons kind="audit" params={() => ({ ...filter })} />
          <Button icon={<SafetyCertificateOutlined />} onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('audit.hint')}</Typography.Paragraph>
      {verify.data && <VerifyResult result={verify.data} />}
      <AuditFilters
        onSearch={(f) => {
          setFilter(f);
          setPage(1);
        }}
      />
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={search.data?.rows ?? []}
        loading={search.isFetching}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: search.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('audit.total', { total }),
          onChange: setPage,
        }}
        onRow={(r) => ({ 'data-testid': 'audit-row', 'data-audit-id': r.id }) as HTMLAttributes<HTMLElement>}
        data-testid="audit-table"
      />
    </Card>
  );
}
