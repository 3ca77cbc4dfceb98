import { Button, DatePicker, Segmented, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { taskKinds, warningColours, type TaskKind } from '../../../shared/contract/followup';
import { useTextIn } from '../../i18n/text-in';
import { useDepartments } from '../departments/queries';
import { departmentSearch } from '../departments/search';
import { COLOUR_HEX } from './ColourTag';
import { usePlanOptions } from './queries';
import { QueueSearch } from './QueueSearch';
import { resetQueueFilters, setQueueView, type DueFilter, type QueueView } from './state';

const DUES: DueFilter[] = ['open', 'overdue', 'today', 'upcoming', 'any'];
const STAMP = 'YYYY-MM-DD HH:mm';

export function QueueFilters({ view }: { view: QueueView }) {
  const { t } = useTranslation();
  const plans = usePlanOptions();
  const depts = useDepartments();
  const pick = useTextIn();
  return (
    <Space wrap size={[12, 8]} className="queue-filters" data-testid="queue-filters">
      <QueueSearch value={view.search} />
      <Select<number>
        allowClear
        className="queue-plan"
        placeholder={t('queue.filters.plan')}
        value={view.planId}
        onChange={(planId) => setQueueView({ planId })}
        loading={plans.isLoading}
        options={(plans.data ?? []).map((p) => ({ value: p.id, label: pick(p.name, p.nameEn) }))}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="queue-plan"
      />
      <Select<number>
        allowClear
        className="queue-dept"
        placeholder={t('queue.filters.dept')}
        value={view.deptId}
        onChange={(deptId) => setQueueView({ deptId })}
        loading={depts.isLoading}
        options={(depts.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
        showSearch={departmentSearch(depts.data)}
        data-testid="queue-dept"
      />
      <span className="queue-colours" data-testid="queue-colours">
        {warningColours.map((c) => (
          <Tag.CheckableTag
            key={c}
            checked={view.colour === c}
            onChange={(on) => setQueueView({ colour: on ? c : undefined })}
            style={view.colour === c ? { background: COLOUR_HEX[c] } : { color: COLOUR_HEX[c], borderColor: COLOUR_HEX[c] }}
            className="queue-colour"
            data-colour={c}
          >
            {t(`queue.colour.${c}`)}
          </Tag.CheckableTag>
        ))}
      </span>
      <Select<'any' | TaskKind>
        className="queue-kind"
        value={view.kind ?? 'any'}
        onChange={(v) => setQueueView({ kind: v === 'any' ? undefined : v })}
        options={(['any', ...taskKinds] as const).map((v) => ({ value: v, label: t(`queue.filters.kind.${v}`) }))}
        data-testid="queue-kind"
      />
      <Segmented<DueFilter>
        value={view.due}
        onChange={(due) => setQueueView({ due })}
        options={DUES.map((d) => ({ value: d, label: t(`queue.filters.due.${d}`) }))}
        aria-label={t('queue.filters.dueLabel')}
        data-testid="queue-due"
      />
      <Select<'any' | 'only' | 'exclude'>
        className="queue-callback"
        value={view.callback ?? 'any'}
        onChange={(v) => setQueueView({ callback: v === 'any' ? undefined : v })}
        options={(['any', 'only', 'exclude'] as const).map((v) => ({ value: v, label: t(`queue.filters.callback.${v}`) }))}
        data-testid="queue-callback"
      />
      {view.callback === 'only' && (
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format={STAMP}
          allowEmpty={[true, true]}
          placeholder={[t('queue.filters.callbackFrom'), t('queue.filters.callbackTo')]}
          value={[view.callbackFrom ? dayjs(view.callbackFrom) : null, view.callbackTo ? dayjs(view.callbackTo) : null]}
          onChange={(r) => setQueueView({ callbackFrom: r?.[0]?.format(STAMP), callbackTo: r?.[1]?.format(STAMP) })}
        />
      )}
      <Button onClick={resetQueueFilters}>{t('queue.filters.reset')}</Button>
    </Space>
  );
}
