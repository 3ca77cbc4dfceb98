import { Checkbox, DatePicker, Input, Select, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { beijingToday } from '../../app/server-clock';
import { useTranslation } from 'react-i18next';
import type { EducationState } from '../../../shared/contract/followup';
import { useDepartments } from '../departments/queries';
import { departmentSearch } from '../departments/search';
import type { OutcomeForm } from './outcome';
import { useTextIn } from '../../i18n/text-in';

/** Whatever the disposition: education given, a return visit booked, a note. */
export function OutcomeExtras({
  form,
  patch,
  education,
  disabled,
}: {
  form: OutcomeForm;
  patch: (p: Partial<OutcomeForm>) => void;
  education: EducationState[];
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const pick = useTextIn();
  const depts = useDepartments();
  const appt = form.appointment;
  return (
    <>
      <div className="fu-field-label">{t('followup.education.title')}</div>
      {education.length === 0 ? (
        <Typography.Text type="secondary">{t('followup.education.none')}</Typography.Text>
      ) : (
        <Checkbox.Group
          className="fu-education"
          disabled={disabled}
          value={form.educationGiven}
          onChange={(v) => patch({ educationGiven: v as string[] })}
          data-testid="education"
          options={education.map((e) => ({
            value: e.code,
            label: (
              <Tooltip title={pick(e.content, e.contentEn)} placement="left">
                {pick(e.title, e.titleEn)}
              </Tooltip>
            ),
          }))}
        />
      )}
      <div className="fu-field-label">{t('followup.appointment.title')}</div>
      <div className="fu-row" data-testid="appointment">
        <DatePicker
          disabled={disabled}
          placeholder={t('followup.appointment.date')}
          value={appt.date ? dayjs(appt.date) : null}
          disabledDate={(d) => d.isBefore(dayjs(beijingToday()), 'day')}
          onChange={(d) => patch({ appointment: { ...appt, date: d ? d.format('YYYY-MM-DD') : undefined } })}
          data-testid="appointment-date"
        />
        <Select<number>
          allowClear
          disabled={disabled}
          className="fu-appt-dept"
          placeholder={t('followup.appointment.dept')}
          value={appt.deptId}
          onChange={(deptId) => patch({ appointment: { ...appt, deptId } })}
          options={(depts.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
          showSearch={departmentSearch(depts.data)}
        />
      </div>
      {appt.date && (
        <Input
          className="fu-appt-note"
          disabled={disabled}
          placeholder={t('followup.appointment.note')}
          maxLength={500}
          value={appt.note}
          onChange={(e) => patch({ appointment: { ...appt, note: e.target.value } })}
        />
      )}
      <div className="fu-field-label">{t('followup.note')}</div>
      <Input.TextArea
        disabled={disabled}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={4000}
        value={form.note}
        onChange={(e) => patch({ note: e.target.value })}
        data-testid="followup-note"
      />
    </>
  );
}
