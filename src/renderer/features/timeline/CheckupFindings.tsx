import { Collapse, Table, Tag, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineFinding } from '../../../shared/model';

// HIS flag spellings for "normal" vary (0, N, 正常); anything else is shown as abnormal.
const NORMAL_FLAGS = new Set(['', '0', 'N', 'n', '正常']);
const isAbnormal = (f: TimelineFinding) => f.critical || !NORMAL_FLAGS.has(f.abnormalFlag?.trim() ?? '');

function FindingsTable({ rows, testid }: { rows: TimelineFinding[]; testid: string }) {
  const { t } = useTranslation();
  const columns: TableProps<TimelineFinding>['columns'] = [
    {
      title: t('timeline.item'),
      dataIndex: 'item',
      render: (item: string, f) => (
        <>
          {item}
          {f.critical && (
            <Tag color="red" variant="solid" className="critical-tag">
              {t('timeline.critical')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('timeline.value'), dataIndex: 'value', width: 110 },
    { title: t('timeline.unit'), dataIndex: 'unit', width: 80 },
    { title: t('timeline.range'), dataIndex: 'referenceRange', width: 120 },
    {
      title: t('timeline.flag'),
      dataIndex: 'abnormalFlag',
      width: 80,
      render: (flag: string | null) => (flag ? t(`codes.flag.${flag}`, { defaultValue: flag }) : null),
    },
  ];
  return (
    <Table<TimelineFinding>
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      rowKey={(f) => `${f.item}|${f.value ?? ''}`}
      rowClassName={(f) => (f.critical ? 'finding-critical' : '')}
      onRow={(f) => (f.critical ? ({ 'data-testid': 'critical-finding' } as HTMLAttributes<HTMLElement>) : {})}
      data-testid={testid}
    />
  );
}

/** Abnormal findings open, critical ones first; normal ones folded away as they rarely matter on a call. */
export function CheckupFindings({ findings }: { findings: TimelineFinding[] }) {
  const { t } = useTranslation();
  const abnormal = findings.filter(isAbnormal).sort((a, b) => Number(b.critical) - Number(a.critical));
  const normal = findings.filter((f) => !isAbnormal(f));
  return (
    <div className="checkup-findings">
      {abnormal.length > 0 ? <FindingsTable rows={abnormal} testid="abnormal-findings" /> : <div className="muted">{t('timeline.noAbnormal')}</div>}
      {normal.length > 0 && (
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'normal',
              label: t('timeline.normalFindings', { count: normal.length }),
              children: <FindingsTable rows={normal} testid="normal-findings" />,
            },
          ]}
        />
      )}
    </div>
  );
}
