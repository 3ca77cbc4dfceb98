import { Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { ExportButtons } from '../exports/ExportButtons';
import { DEFAULT_FILTERS, DEFAULT_PAGING, toFindInput, type FilterValues, type Paging } from './filters';
import { FinderFilters } from './FinderFilters';
import { useFindPatients } from './queries';
import { ResultTable } from './ResultTable';

const focusFirstRow = () => document.querySelector<HTMLElement>('[data-testid="finder-row"]')?.focus();

export function FinderPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<FilterValues>(DEFAULT_FILTERS);
  const [paging, setPaging] = useState<Paging>(DEFAULT_PAGING);
  // Bumped on every 查询 so pressing it again re-fetches even with unchanged filters, and so
  // tests can tell this answer from the previous one.
  const [searchSeq, setSearchSeq] = useState(0);
  const input = toFindInput(filters, paging);
  const result = useFindPatients(input, searchSeq);

  const onSearch = useCallback((values: FilterValues) => {
    setFilters(values);
    setPaging((p) => ({ ...p, page: 1 }));
    setSearchSeq((n) => n + 1);
  }, []);

  const ready = !result.isFetching && !result.isPlaceholderData;
  const total = result.data?.total ?? 0;

  return (
    <div className="finder-page">
      <FinderFilters initial={DEFAULT_FILTERS} onSearch={onSearch} onEnterResults={focusFirstRow} />
      <div className="finder-toolbar">
        <Typography.Text
          strong
          data-testid="finder-total"
          data-total={result.data ? total : undefined}
          data-ready={ready ? 'true' : 'false'}
          data-seq={searchSeq}
        >
          {t('common.total', { count: total })}
        </Typography.Text>
        <Space size="middle">
          <Typography.Text type="secondary">{t('finder.openHint')}</Typography.Text>
          {/* The whole result list under the current filters, not just this page. */}
          <ExportButtons
            kind="finder"
            size="small"
            disabled={!result.data || total === 0}
            params={() => {
              const { page: _p, pageSize: _s, ...query } = input;
              return query;
            }}
          />
        </Space>
      </div>
      <ResultTable
        kind={filters.kind}
        rows={result.data?.rows ?? []}
        total={total}
        loading={result.isFetching}
        paging={paging}
        onPagingChange={setPaging}
        onOpen={(row) => navigate({ name: 'patient', patientId: row.patientId })}
      />
    </div>
  );
}
