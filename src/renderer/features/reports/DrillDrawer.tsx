import { Drawer, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/text-in';
import type { DrillRow, MetricDefinition } from '../../../shared/contract/reports';
import { drillColumns } from './drill-columns';
import { formatCount, monthRange, pick } from './format';
import { MetricDefinitionText } from './MetricDefinitionText';
import { useDrilldown } from './queries';

interface Props {
  def: MetricDefinition | null;
  month: string;
  deptIds: number[] | undefined;
  onClose: () => void;
}

type Part = 'numerator' | 'gap';

/** The list behind a figure: the rows counted, and those in the denominator but not counted. */
export function DrillDrawer({ def, month, deptIds, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [part, setPart] = useState<Part>('numerator');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const input = def ? { metric: def.code, ...monthRange(month), deptIds, part, ...paging } : null;
  const drill = useDrilldown(input);
  const hasGap = !!def?.drillGap;
  const columns = drillColumns(drill.data?.kind ?? 'task', t, lang);

  const choose = (next: string) => {
    setPart(next as Part);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Drawer
      open={def !== null}
      onClose={onClose}
      size={1080}
      title={def ? t('reports.drill.title', { metric: pick(def.name), month }) : ''}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open) return;
        // The drawer stays mounted: the next figure starts on its first page of counted rows.
        setPart('numerator');
        setPaging((p) => ({ ...p, page: 1 }));
      }}
    >
      <span hidden data-testid="drill-drawer" />
      {def && (
        <div className="drill-def">
          <MetricDefinitionText def={def} />
        </div>
      )}
      <Tabs
        activeKey={part}
        onChange={choose}
        items={[
          { key: 'numerator', label: <span data-testid="drill-tab-numerator">{t('reports.drill.numerator')}</span> },
          ...(hasGap ? [{ key: 'gap', label: <span data-testid="drill-tab-gap">{t('reports.drill.gap')}</span> }] : []),
        ]}
      />
      <Table<DrillRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={drill.data?.rows ?? []}
        loading={drill.isFetching}
        data-testid="drill-table"
        data-ready={!drill.isFetching && drill.isSuccess ? 'true' : 'false'}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: drill.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('reports.total', { n: formatCount(n) }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Drawer>
  );
}
