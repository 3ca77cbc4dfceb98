// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';

// The critical-value fast lane's strings under `criticalValue.*` (queue countdown, the follow-up
// page's card and form, the timeline), and the closing blocker under `followup.blocked`.

const zhCN = {
  left: '剩余 {{h}} 小时 {{m}} 分',
  leftMinutes: '剩余 {{m}} 分',
  overdue: '已超时 {{h}} 小时 {{m}} 分',
  overdueMinutes: '已超时 {{m}} 分',
  escalated: '已上报',
  told: '已告知 {{at}}',
  late: '超时告知',
  deadline: '{{at}} 前告知',
  notTold: '未告知',
  title: '危急值告知',
  findings: '危急值',
  checkup: '体检 {{date}}',
  resultAt: '结果时间 {{at}}',
  source: { his: 'HIS 报告时间', sync: '同步发现时间' },
  escalatedAt: '{{at}} 超时未告知，已上报科室',
  record: {
    patient: '患者本人',
    family: '家属 {{name}}（{{relation}}）',
    line: '{{by}} 于 {{at}} 通过{{method}}告知{{whom}}',
    recordedAt: '记录于 {{at}}',
  },
  form: {
    whom: '告知对象',
    name: '家属姓名',
    relation: '与患者关系',
    method: '告知方式',
    toldAt: '告知时间',
    note: '备注',
    noteOther: '请说明告知方式',
    submit: '记录告知',
    saved: '已记录危急值告知',
    missing: '请填写家属姓名和与患者关系',
  },
  whom: { patient: '患者本人', family: '家属' },
  method: { phone: '电话', sms: '短信', in_person: '当面', other: '其他方式' },
};

const en: SameKeys<typeof zhCN> = {
  left: '{{h}} h {{m}} min left',
  leftMinutes: '{{m}} min left',
  overdue: '{{h}} h {{m}} min overdue',
  overdueMinutes: '{{m}} min overdue',
  escalated: 'escalated',
  told: 'Told {{at}}',
  late: 'Told late',
  deadline: 'Tell by {{at}}',
  notTold: 'Not told',
  title: 'Critical value notification',
  findings: 'Critical values',
  checkup: 'Checkup {{date}}',
  resultAt: 'Result at {{at}}',
  source: { his: 'HIS report time', sync: 'first seen by the sync' },
  escalatedAt: 'Not told by the deadline; escalated to the department at {{at}}',
  record: {
    patient: 'the patient',
    family: 'family member {{name}} ({{relation}})',
    line: '{{by}} told {{whom}} by {{method}} at {{at}}',
    recordedAt: 'recorded {{at}}',
  },
  form: {
    whom: 'Told',
    name: 'Family member’s name',
    relation: 'Relationship to the patient',
    method: 'How',
    toldAt: 'When',
    note: 'Note',
    noteOther: 'Say how the patient was told',
    submit: 'Record notification',
    saved: 'Critical value notification recorded',
    missing: 'Enter the family member’s name and relationship',
  },
  whom: { patient: 'The patient', family: 'A family member' },
  method: { phone: 'phone', sms: 'SMS', in_person: 'in person', other: 'other means' },
};

addFeatureStrings('criticalValue', zhCN, en);
addFeatureStrings(
  'followup',
  { blocked: { criticalNotice: '请先记录危急值告知' } },
  { blocked: { criticalNotice: 'Record the critical value notification first' } },
);
