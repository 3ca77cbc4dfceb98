import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { textIn, type Lang } from '../../../shared/bilingual';
import type { DrillKind, DrillRow } from '../../../shared/contract/reports';
import '../messaging/i18n';

/** The drill-down table's columns for each kind of row (tasks, dials, patients, SMS, nurse-days). */
export function drillColumns(kind: DrillKind, t: TFunction, lang: Lang): ColumnsType<DrillRow> {
  const none = t('common.none');
  const code = (group: string, v: string | null | undefined) => (v ? t(`${group}.${v}`, { defaultValue: v }) : none);
  const col = (key: keyof DrillRow, title: string, width?: number, render?: (v: string | null) => string): ColumnsType<DrillRow>[number] => ({
    title: t(`reports.drill.${title}`),
    dataIndex: key,
    ...(width ? { width } : { ellipsis: true }),
    render: render ?? ((v: unknown) => (v == null ? none : String(v))),
  });
  const task = [
    col('patientName', 'patient', 90),
    col('deptName', 'dept', 110),
    { ...col('planName', 'plan'), render: (v: string | null, r: DrillRow) => (v ? textIn(v, r.planNameEn, lang) : none) },
    { ...col('pointLabel', 'point', 100), render: (v: string | null, r: DrillRow) => (v ? textIn(v, r.pointLabelEn, lang) : none) },
    col('dueDate', 'due', 100),
  ];
  const status = col('status', 'status', 90, (v: string | null) => code('reports.status', v));
  const nurse = col('nurseName', 'nurse', 80);
  switch (kind) {
    case 'task':
      return [
        ...task,
        status,
        col('lastOutcome', 'lastOutcome', 100, (v: string | null) => code('reports.outcome', v)),
        col('lastAttemptAt', 'lastAttempt', 150),
        nurse,
      ];
    case 'dial':
      return [
        ...task,
        col('lastAttemptAt', 'dialAt', 150),
        col('lastOutcome', 'dialOutcome', 100, (v: string | null) => code('reports.outcome', v)),
        col('minutes', 'minutes', 90),
        nurse,
      ];
    case 'patient':
      return [
        col('patientName', 'patient', 120),
        col('lastAttemptAt', 'lastAttempt', 160),
        col('lastOutcome', 'dialOutcome', 120, (v: string | null) => code('reports.outcome', v)),
      ];
    case 'sms':
      return [...task, col('lastAttemptAt', 'sentAt', 150), col('lastOutcome', 'smsStatus', 110, (v: string | null) => code('messaging.status', v)), nurse];
    case 'nurseDay':
      return [nurse, col('day', 'day', 110), col('dials', 'dials', 90), col('completions', 'completions', 110)];
  }
}
