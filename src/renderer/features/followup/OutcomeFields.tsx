import { DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { beijingToday } from '../../app/server-clock';
import { useTranslation } from 'react-i18next';
import type { CallPhone } from '../../../shared/contract/followup';
import { ChoiceGroup } from './ChoiceGroup';
import type { OutcomeForm } from './outcome';

// What each disposition needs besides the button: why nobody answered and on which number,
// the refusal reason, the date of death, the callback time.

const NOT_REACHED = ['no_answer', 'busy', 'powered_off', 'invalid_number', 'wrong_number'] as const;

interface Props {
  form: OutcomeForm;
  patch: (p: Partial<OutcomeForm>) => void;
  phones: CallPhone[];
  disabled: boolean;
  onDone: () => void;
}

export function OutcomeFields({ form, patch, phones, disabled, onDone }: Props) {
  const { t } = useTranslation();
  switch (form.disposition) {
    case 'no_contact':
      return (
        <div className="fu-fields" data-testid="no-contact-fields">
          <div className="fu-field-label">{t('followup.dispo.attemptOutcome')}</div>
          <ChoiceGroup
            options={NOT_REACHED.map((o) => ({ value: o, label: t(`followup.outcome.${o}`) }))}
            value={form.attemptOutcome}
            disabled={disabled}
            testid="attempt-outcome"
            onChange={(v, advance) => {
              patch({ attemptOutcome: v as OutcomeForm['attemptOutcome'] });
              if (advance) onDone();
            }}
            onEnter={onDone}
          />
          <div className="fu-field-label">{t('followup.dispo.attemptNumber')}</div>
          <Select<string>
            value={form.attemptNumber}
            disabled={disabled}
            className="full-width"
            onChange={(attemptNumber) => patch({ attemptNumber })}
            options={phones.map((p) => ({
              value: p.number,
              label: `${p.number} · ${p.role === 'self' ? t('followup.phones.self') : (p.contactName ?? t('followup.phones.contact'))}`,
            }))}
            data-testid="attempt-number"
          />
        </div>
      );
    case 'refused':
      return (
        <Input
          className="fu-fields"
          disabled={disabled}
          placeholder={t('followup.dispo.reason')}
          maxLength={200}
          value={form.reason}
          onChange={(e) => patch({ reason: e.target.value })}
          data-testid="refused-reason"
        />
      );
    case 'deceased':
      return (
        <div className="fu-fields fu-row" data-testid="deceased-fields">
          <DatePicker
            disabled={disabled}
            placeholder={t('followup.dispo.deathDate')}
            value={form.deathDate ? dayjs(form.deathDate) : null}
            disabledDate={(d) => d.isAfter(dayjs(beijingToday()), 'day')}
            onChange={(d) => patch({ deathDate: d ? d.format('YYYY-MM-DD') : undefined })}
            data-testid="death-date"
          />
          <Input
            disabled={disabled}
            placeholder={t('followup.dispo.deathCause')}
            maxLength={200}
            value={form.deathCause}
            onChange={(e) => patch({ deathCause: e.target.value })}
            data-testid="death-cause"
          />
        </div>
      );
    case 'callback':
      return (
        <DatePicker
          className="fu-fields"
          disabled={disabled}
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          placeholder={t('followup.dispo.callbackAt')}
          value={form.callbackAt ? dayjs(form.callbackAt) : null}
          disabledDate={(d) => d.isBefore(dayjs(beijingToday()), 'day')}
          onChange={(d) => patch({ callbackAt: d ? d.format('YYYY-MM-DD HH:mm') : undefined })}
          data-testid="callback-at"
        />
      );
    default:
      return null;
  }
}
