import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { SavedReport } from '../../../shared/contract/reports';
import type { Department } from '../../../shared/model';
import { useDeleteReport, useSavedReports } from './queries';

interface Props {
  departments: Department[];
  onRerun: (report: SavedReport, shift: 0 | -1) => void;
  onLoad: (report: SavedReport) => void;
  /** Only its owner or an admin may delete a report. */
  mayDelete: (report: SavedReport) => boolean;
  onDeleted: (id: number) => void;
}

/** Saved reports with one-click reruns over this month or the last one. */
export function SavedReports({ departments, onRerun, onLoad, mayDelete, onDeleted }: Props) {
  const { t } = useTranslation();
  const saved = useSavedReports();
  const remove = useDeleteReport();
  const deptName = (id: number | null) => (id === null ? null : (departments.find((d) => d.id === id)?.name ?? `#${id}`));
  const columns: ColumnsType<SavedReport> = [
    { title: t('reports.builder.name'), dataIndex: 'name', ellipsis: true },
    {
      title: t('reports.builder.ownerCol'),
      dataIndex: 'deptId',
      width: 160,
      render: (id: number | null) => (id === null ? <Tag>{t('reports.builder.personal')}</Tag> : <Tag color="blue">{deptName(id)}</Tag>),
    },
    { title: t('reports.builder.updated'), dataIndex: 'updatedAt', width: 160 },
    {
      title: '',
      key: 'actions',
      width: 250,
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" type="primary" ghost onClick={() => onRerun(r, 0)} data-testid="saved-rerun-this">
            {t('reports.builder.rerunThis')}
          </Button>
          <Button size="small" onClick={() => onRerun(r, -1)} data-testid="saved-rerun-last">
            {t('reports.builder.rerunLast')}
          </Button>
          <Button size="small" type="link" onClick={() => onLoad(r)}>
            {t('reports.builder.load')}
          </Button>
          {mayDelete(r) && (
            <Popconfirm
              title={t('reports.builder.deleteConfirm', { name: r.name })}
              onConfirm={() => remove.mutate(r.id, { onSuccess: () => onDeleted(r.id) })}
            >
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                loading={remove.isPending && remove.variables === r.id}
                aria-label={t('reports.builder.delete')}
                data-testid="saved-delete"
              />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title={t('reports.builder.savedList')}>
      <Table<SavedReport>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={saved.data ?? []}
        loading={saved.isFetching}
        pagination={false}
        locale={{ emptyText: t('reports.builder.savedEmpty') }}
        onRow={(r) => ({ 'data-testid': 'saved-report', 'data-name': r.name }) as object}
      />
    </Card>
  );
}
