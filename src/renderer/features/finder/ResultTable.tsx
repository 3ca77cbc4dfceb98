import { Table, Typography, type TableProps } from 'antd';
import type { ColumnType, SorterResult, SortOrder } from 'antd/es/table/interface';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncounterKind, PatientRow } from '../../../shared/model';
import { CriticalTag, DischargeMode, genderLabel } from '../../app/codes';
import type { Paging, SortField } from './filters';

interface Props {
  kind: EncounterKind;
  rows: PatientRow[];
  total: number;
  loading: boolean;
  paging: Paging;
  onPagingChange: (paging: Paging) => void;
  onOpen: (row: PatientRow) => void;
}

const day = (s: string | null) => (s ? s.slice(0, 10) : '');

function moveFocus(row: HTMLElement, dir: 1 | -1) {
  const next = (dir === 1 ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
  if (next?.dataset.testid === 'finder-row') next.focus();
}

export function ResultTable({ kind, rows, total, loading, paging, onPagingChange, onOpen }: Props) {
  const { t } = useTranslation();
  const sortOrderOf = (field: SortField): SortOrder => (paging.sort === field ? (paging.order === 'asc' ? 'ascend' : 'descend') : null);
  // Names and departments read A→Z first; dates newest first.
  const sortable = (field: SortField): ColumnType<PatientRow> => ({
    key: field,
    sorter: true,
    sortOrder: sortOrderOf(field),
    sortDirections: field === 'name' || field === 'dept' ? ['ascend', 'descend'] : ['descend', 'ascend'],
  });
  const inpatientOnly = (col: ColumnType<PatientRow>): ColumnType<PatientRow>[] => (kind === 'inpatient' ? [col] : []);
  // Checkups carry a package and findings, not a diagnosis; an always-empty column only wastes width.
  const exceptCheckups = (col: ColumnType<PatientRow>): ColumnType<PatientRow>[] => (kind === 'checkup' ? [] : [col]);

  const columns: TableProps<PatientRow>['columns'] = [
    {
      title: t('columns.name'),
      dataIndex: 'name',
      width: 110,
      ...sortable('name'),
      render: (name: string, row) => (
        <span className="cell-name">
          {name}
          <CriticalTag t={t} count={row.criticalCount} />
        </span>
      ),
    },
    { title: t('columns.gender'), dataIndex: 'genderCode', width: 56, render: (c: string) => genderLabel(t, c) },
    { title: t('columns.age'), dataIndex: 'age', width: 56, align: 'right' },
    { title: t('columns.dept'), dataIndex: 'deptName', width: 130, ellipsis: true, ...sortable('dept') },
    { title: t(`columns.encounterNo.${kind}`), dataIndex: 'encounterNo', width: 120 },
    ...inpatientOnly({ title: t('columns.admitDate'), dataIndex: 'admitDate', width: 104, render: day, ...sortable('admitDate') }),
    { title: t(`finder.eventDate.${kind}`), dataIndex: 'eventDate', width: 104, render: day, ...sortable('eventDate') },
    ...exceptCheckups({
      title: t('columns.mainDiag'),
      key: 'diag',
      ellipsis: true,
      render: (_: unknown, row) =>
        row.mainDiagCode || row.mainDiagName ? (
          <span title={`${row.mainDiagCode ?? ''} ${row.mainDiagName ?? ''}`}>
            <Typography.Text type="secondary" className="diag-code">
              {row.mainDiagCode}
            </Typography.Text>
            {row.mainDiagName}
          </span>
        ) : null,
    }),
    ...inpatientOnly({
      title: t('columns.dischargeMode'),
      dataIndex: 'dischargeModeCode',
      width: 120,
      ellipsis: true,
      render: (c: string | null) => <DischargeMode t={t} code={c} />,
    }),
    { title: t('columns.phone'), dataIndex: 'phone', width: 124 },
  ];

  const onChange: TableProps<PatientRow>['onChange'] = (pagination, _filters, sorter, extra) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<PatientRow> | undefined;
    if (extra.action === 'sort') {
      // A third click clears antd's sort; the server's default order is newest event first.
      const field = s?.order ? (s.columnKey as SortField) : 'eventDate';
      const order = s?.order === 'ascend' ? 'asc' : 'desc';
      onPagingChange({ ...paging, sort: field, order, page: 1 });
    } else {
      const pageSize = pagination.pageSize ?? paging.pageSize;
      onPagingChange({ ...paging, pageSize, page: pageSize === paging.pageSize ? (pagination.current ?? 1) : 1 });
    }
  };

  return (
    <Table<PatientRow>
      size="small"
      rowKey="encounterId"
      columns={columns}
      dataSource={rows}
      loading={loading}
      onChange={onChange}
      scroll={{ x: 1180 }}
      sticky
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        size: 'small',
      }}
      locale={{ emptyText: t('finder.empty') }}
      rowClassName={(row) => (row.status === 'cancelled' ? 'row-cancelled' : '')}
      onRow={(row) =>
        ({
          tabIndex: 0,
          'data-testid': 'finder-row',
          'data-patient-id': row.patientId,
          onClick: () => onOpen(row),
          onKeyDown: (e) => {
            if (e.key === 'Enter') onOpen(row);
            else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              moveFocus(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
            }
          },
        }) as HTMLAttributes<HTMLElement>
      }
      className="finder-table"
    />
  );
}
