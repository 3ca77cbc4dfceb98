// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';

// Strings under `treatment.*`: where a task's treatment start came from, and changing it.

const zhCN = {
  label: '治疗开始日',
  unknown: '未确定',
  his: 'HIS：{{kind}} {{date}}{{dept}} · {{diag}}',
  manual: '团队录入：{{by}} {{at}}',
  waiting: '等待 HIS {{kind}} {{codes}}，或在此录入',
  kinds: { inpatient: '住院', outpatient: '门诊' },
  edit: '修改',
  save: '保存',
  cancel: '取消',
  useHis: '恢复为 HIS 日期',
  badDate: '请输入日期 YYYY-MM-DD',
  saved: '治疗开始日已更新，{{n}} 个未完成任务已顺延',
};

const en: SameKeys<typeof zhCN> = {
  label: 'Treatment start',
  unknown: 'not known',
  his: 'HIS: {{kind}} {{date}}{{dept}} · {{diag}}',
  manual: 'Entered by {{by}} {{at}}',
  waiting: 'Waiting for a HIS {{kind}} {{codes}}, or enter it here',
  kinds: { inpatient: 'stay', outpatient: 'visit' },
  edit: 'Change',
  save: 'Save',
  cancel: 'Cancel',
  useHis: 'Use the HIS date',
  badDate: 'Enter a date YYYY-MM-DD',
  saved: 'Treatment start updated; {{n}} open tasks moved',
};

addFeatureStrings('treatment', zhCN, en);
