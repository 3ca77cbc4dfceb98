import { Checkbox, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallScript } from '../../../shared/contract/followup';
import { useTextIn } from '../../i18n/text-in';

interface Props {
  script: CallScript;
  identity: boolean;
  consent: boolean;
  onIdentity: (v: boolean) => void;
  onConsent: (v: boolean) => void;
  disabled: boolean;
}

/** The opening (identity check, consent to record) and the closing, read out word for word. */
export function ScriptPane({ script, identity, consent, onIdentity, onConsent, disabled }: Props) {
  const { t } = useTranslation();
  const pick = useTextIn();
  return (
    <div className="fu-script" data-testid="script">
      <div className="fu-field-label">{t('followup.script.opening')}</div>
      <Typography.Paragraph className="fu-script-text">{pick(script.opening, script.openingEn)}</Typography.Paragraph>
      <div className="fu-row">
        <Checkbox checked={identity} disabled={disabled} onChange={(e) => onIdentity(e.target.checked)} data-testid="identity-checked">
          {t('followup.script.identity')}
        </Checkbox>
        <Checkbox checked={consent} disabled={disabled} onChange={(e) => onConsent(e.target.checked)} data-testid="record-consent">
          {t('followup.script.consent')}
        </Checkbox>
      </div>
      <div className="fu-field-label">{t('followup.script.closing')}</div>
      <Typography.Paragraph className="fu-script-text">{pick(script.closing, script.closingEn)}</Typography.Paragraph>
    </div>
  );
}
