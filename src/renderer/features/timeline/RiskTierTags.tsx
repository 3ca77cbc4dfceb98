import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineRiskTier } from '../../../shared/model';
import { inLanguage } from '../../../shared/bilingual';

// Tier codes are the team's own; the shipped ones get colours, any other a neutral tag.
const TIER_COLOR: Record<string, string> = { high: 'red', medium: 'gold', low: 'green' };

/** A checkup's risk tier(s), with the reasons as a tooltip. */
export function RiskTierTags({ tiers }: { tiers: TimelineRiskTier[] | undefined }) {
  const { t, i18n } = useTranslation();
  if (!tiers?.length) return null;
  const en = i18n.language === 'en';
  return (
    <>
      {tiers.map((r) => (
        <Tooltip key={`${r.tier}-${r.assessedAt}`} title={r.reasons.map((x) => inLanguage(x, en ? 'en' : 'zh')).join('；')}>
          <Tag color={TIER_COLOR[r.tier]} data-testid="risk-tier" data-tier={r.tier}>
            {t('timeline.riskTier', { tier: en ? (r.labelEn ?? r.label) : r.label })}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
