import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dispositions, type CallPhone, type EducationState } from '../../../shared/contract/followup';
import { ChoiceGroup } from './ChoiceGroup';
import type { Blocker, OutcomeForm } from './outcome';
import { OutcomeExtras } from './OutcomeExtras';
import { OutcomeFields } from './OutcomeFields';

interface Props {
  form: OutcomeForm;
  patch: (p: Partial<OutcomeForm>) => void;
  phones: CallPhone[];
  education: EducationState[];
  /** A fired trigger demands an escalation note (main refuses to close without it). */
  escalate: boolean;
  blocked: Blocker[];
  disabled: boolean;
  submitting: boolean;
  onSubmit: (next: boolean) => void;
  /** Where the keyboard goes after a choice here: the next field, else the submit button. */
  focus: (selector: string) => void;
}

export const SUBMIT = '[data-testid="submit-next"]';
const FIELD_OF: Record<string, string> = {
  no_contact: '[data-testid="attempt-outcome"]',
  refused: '[data-testid="refused-reason"]',
  deceased: '[data-testid="death-date"] input',
  callback: '[data-testid="callback-at"] input',
};

export function OutcomePanel({ form, patch, phones, education, escalate, blocked, disabled, submitting, onSubmit, focus }: Props) {
  const { t } = useTranslation();
  const needsNote = escalate && form.disposition === 'completed';
  const afterDisposition = (d: string | undefined) => {
    if (d === 'completed') focus(escalate ? '[data-testid="escalation-note"]' : SUBMIT);
    else focus(FIELD_OF[d ?? ''] ?? SUBMIT);
  };
  return (
    <Card size="small" className="fu-card outcome-panel" title={t('followup.dispo.title')} data-testid="outcome-panel">
      <ChoiceGroup
        options={dispositions.map((d) => ({ value: d, label: t(`followup.dispo.${d}`) }))}
        value={form.disposition}
        disabled={disabled}
        testid="disposition"
        className="choice-inline"
        onChange={(v, advance) => {
          patch({ disposition: v as OutcomeForm['disposition'] });
          if (advance) afterDisposition(v as string);
        }}
        onEnter={() => afterDisposition(form.disposition)}
      />
      <OutcomeFields form={form} patch={patch} phones={phones} disabled={disabled} onDone={() => focus(SUBMIT)} />
      {escalate && (
        <div className={needsNote && !form.escalationNote.trim() ? 'fu-escalation fu-escalation-missing' : 'fu-escalation'} data-testid="escalation">
          <Alert type="error" showIcon title={t('followup.escalation.title')} />
          <Input.TextArea
            disabled={disabled}
            autoSize={{ minRows: 2, maxRows: 6 }}
            status={needsNote && !form.escalationNote.trim() ? 'error' : undefined}
            placeholder={t('followup.escalation.placeholder')}
            maxLength={4000}
            aria-label={t('followup.escalation.note')}
            value={form.escalationNote}
            onChange={(e) => patch({ escalationNote: e.target.value })}
            data-testid="escalation-note"
          />
        </div>
      )}
      <OutcomeExtras form={form} patch={patch} education={education} disabled={disabled} />
      {blocked.length > 0 && (
        <ul className="fu-blockers" data-testid="close-blockers">
          {blocked.map((b) => (
            <li key={b.key} data-blocker={b.key}>
              {t(`followup.blocked.${b.key}`, { count: b.count })}
            </li>
          ))}
        </ul>
      )}
      <Space className="fu-submit">
        <Button type="primary" size="large" disabled={blocked.length > 0} loading={submitting} onClick={() => onSubmit(true)} data-testid="submit-next">
          {t('followup.submitNext')}
          <Typography.Text keyboard className="fu-keys">
            Ctrl+Enter
          </Typography.Text>
        </Button>
        <Button disabled={blocked.length > 0 || submitting} onClick={() => onSubmit(false)} data-testid="submit-only">
          {t('followup.submitOnly')}
        </Button>
      </Space>
    </Card>
  );
}
