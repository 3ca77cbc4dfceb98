import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurvivalResult } from '../../../shared/contract/reports';
import { textIn } from '../../../shared/bilingual';
import { useLang } from '../../i18n/text-in';
import { usePlanOptions } from '../queue/queries';

/**
 * The result with its groups named in the screen's language: main names them in Chinese (a
 * plan's name, 未指定科室); a plan's English name comes from the plan list. Departments and
 * diagnoses are the HIS's names and stay as they are.
 */
export function useNamedGroups(result: SurvivalResult | undefined): SurvivalResult | undefined {
  const { t } = useTranslation();
  const lang = useLang();
  const plans = usePlanOptions().data;
  return useMemo(() => {
    if (!result) return result;
    const nameOf = (key: string, group: string) => {
      if (key === 'dept:none') return t('survival.noDepartment');
      const plan = key.startsWith('plan:') ? plans?.find((p) => `plan:${p.id}` === key) : undefined;
      return plan ? group.replace(plan.name, textIn(plan.name, plan.nameEn, lang)) : group;
    };
    return { ...result, groups: result.groups.map((g) => ({ ...g, group: nameOf(g.key, g.group) })) };
  }, [result, plans, lang, t]);
}
