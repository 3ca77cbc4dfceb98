import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings } from '../../i18n';

addFeatureStrings('cycle', { label: '第 {{n}} 周期' }, { label: 'Cycle {{n}}' });

/** "第 3 周期": which repeat of a plan cycle a task is (none for an explicit point). */
export function CycleTag({ n }: { n: number | null }) {
  const { t } = useTranslation();
  return n === null ? null : (
    <Tag color="purple" data-testid="cycle-tag">
      {t('cycle.label', { n })}
    </Tag>
  );
}
