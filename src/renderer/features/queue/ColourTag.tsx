import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WarningColour } from '../../../shared/contract/followup';
import './i18n';

// The four-colour warning (绿/黄/橙/红) as one chip everywhere: queue rows, the follow-up header,
// live scores. Solid colours with the word on them, so the colour is never the only cue.
export const COLOUR_HEX: Record<WarningColour, string> = { red: '#cf1322', orange: '#d46b08', yellow: '#d4b106', green: '#389e0d' };

export function ColourTag({ colour, size = 'small' }: { colour: WarningColour | null; size?: 'small' | 'large' }) {
  const { t } = useTranslation();
  // Not scored yet: quiet, so the coloured rows stand out in a long list.
  if (!colour && size === 'small')
    return (
      <span className="colour-none" data-testid="colour-tag" data-colour="none">
        {t('queue.colour.none')}
      </span>
    );
  return (
    <Tag
      color={colour ? COLOUR_HEX[colour] : undefined}
      variant={colour ? 'solid' : 'outlined'}
      className={size === 'large' ? 'colour-tag colour-tag-large' : 'colour-tag'}
      data-testid="colour-tag"
      data-colour={colour ?? 'none'}
    >
      {t(`queue.colour.${colour ?? 'none'}`)}
    </Tag>
  );
}
