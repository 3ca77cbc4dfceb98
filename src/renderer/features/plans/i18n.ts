// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings, type SameKeys } from '../../i18n';

// The plan editor's strings under `plans.*`. Chinese first; en has the same keys.

const zhCN = {
  nav: '随访方案',
  list: {
    title: '随访方案',
    showRetired: '显示已停用',
    create: '从模板新建',
    name: '方案', code: '编码', active: '启用版本', draft: '草稿', enrolments: '在组患者', pending: '待随访', updated: '更新时间',
    retired: '已停用', none: '—',
  },
  create: { title: '从模板新建方案', template: '模板', code: '新方案编码', name: '新方案名称', ok: '开始编辑' },
  status: { draft: '草稿', active: '启用中', retired: '已停用' },
  version: 'v{{n}}',
  versionInfo: '{{by}} 创建于 {{at}}，入组 {{n}} 人',
  readOnly: '旧版本只读。编辑请切换到最新版本。',
  liveNote: '这是正在使用的版本：保存后会生成新的草稿版本，启用草稿前现有入组不受影响。',
  newPlan: '新方案（未保存）',
  unsaved: '有未保存的修改',
  tabs: { general: '基本信息', rules: '入组规则', tracks: '随访轨道', content: '话术与宣教', json: 'JSON' },
  actions: { preview: '预览入组人数', save: '保存草稿', activate: '启用此版本', retire: '停用方案', retireConfirm: '停用后不再有新患者入组，已入组患者继续随访。确定停用？', activateConfirm: '启用后新入组使用此版本，之前的启用版本将停用。确定启用？' },
  saved: '已保存为 v{{n}} 草稿',
  activated: 'v{{n}} 已启用',
  retiredDone: '方案已停用',
  invalid: '方案定义有误',
  general: {
    code: '编码', name: '名称', description: '说明', lookbackDays: '回溯天数', notBefore: '不早于（YYYY-MM-DD）',
    perPatient: '入组方式', perEncounter: '每次住院/就诊', once: '每位患者一次', generateAheadDays: '提前生成任务（天）',
    maxAttempts: '最多拨打次数', intervalHours: '重拨间隔（小时）', teamDelayMinutes: '回电保留（分钟）',
    lostAfterUnreachable: '连续失访几次判为失访（0 不判）', escalationDept: '上报科室（空：入组科室）', escalationDueHours: '上报处理时限（小时）',
  },
  rule: {
    add: '添加规则', id: '规则编码', label: '名称', kind: '就诊类型', departments: '科室（空：全部）', icd10: 'ICD-10 编码或范围',
    keywords: '诊断关键词', ageMin: '最小年龄', ageMax: '最大年龄', dischargeModes: '离院方式（空：除死亡外全部）',
    critical: '有危急值', abnormal: '有异常结果',
    kinds: { inpatient: '住院', outpatient: '门诊', checkup: '体检' },
  },
  track: {
    add: '添加轨道', id: '轨道编码', name: '名称', anchor: '起算点', satisfiedBy: '就诊可替代随访',
    anchors: { discharge: '出院日', visit: '就诊日', checkup: '体检日', admission: '入院日', treatment_start: '治疗开始日' },
    satisfied: { any_visit: '任意就诊', same_department: '同科室就诊', none: '不替代' },
    defaults: '本轨道默认值', points: '时间点', addPoint: '添加时间点', cycles: '{{count}} 个循环规则（请在 JSON 中编辑）',
  },
  point: {
    at: '时间', label: '名称（如 术后第7天）', questionnaire: '问卷', window: '窗口（前/后天数）', before: '前', after: '后',
    education: '宣教', channel: '方式', call: '电话', sms: '短信', multiUnit: '多个单位，请在 JSON 中编辑',
    units: { days: '天', weeks: '周', months: '月', years: '年' },
  },
  content: {
    opening: '开场话术（核对身份、录音同意）', closing: '结束语', education: '宣教项目', addEducation: '添加宣教',
    code: '编码', title: '标题', text: '内容',
  },
  json: { apply: '应用 JSON', applied: '已应用', parseError: 'JSON 格式错误：{{error}}' },
  preview: {
    title: '入组预览', encounters: '将入组 {{n}} 次就诊', patients: '{{n}} 位患者', byRule: '按规则', sample: '示例（最近 20 条）',
    warnings: '提示', stale: '修改后请重新预览', none: '点击「预览入组人数」查看此定义现在会入组多少患者',
    name: '姓名', kind: '类型', date: '日期', dept: '科室', diag: '诊断', rule: '规则',
  },
  remove: '删除',
};

const en: SameKeys<typeof zhCN> = {
  nav: 'Plans',
  list: {
    title: 'Follow-up plans',
    showRetired: 'Show retired',
    create: 'New from template',
    name: 'Plan', code: 'Code', active: 'Active', draft: 'Draft', enrolments: 'Enrolled', pending: 'Pending', updated: 'Updated',
    retired: 'Retired', none: '—',
  },
  create: { title: 'New plan from a template', template: 'Template', code: 'New plan code', name: 'New plan name', ok: 'Edit' },
  status: { draft: 'Draft', active: 'Active', retired: 'Retired' },
  version: 'v{{n}}',
  versionInfo: 'Created by {{by}} on {{at}}, {{n}} enrolled',
  readOnly: 'Older versions are read-only. Switch to the newest version to edit.',
  liveNote: 'This is the live version: saving opens a new draft; current enrolments are unaffected until a draft is activated.',
  newPlan: 'New plan (not saved)',
  unsaved: 'Unsaved changes',
  tabs: { general: 'General', rules: 'Enrolment rules', tracks: 'Tracks', content: 'Script and education', json: 'JSON' },
  actions: { preview: 'Preview enrolment', save: 'Save draft', activate: 'Activate this version', retire: 'Retire plan', retireConfirm: 'No new patients will be enrolled; current enrolments run on. Retire?', activateConfirm: 'New enrolments will use this version and the previous active version is retired. Activate?' },
  saved: 'Saved as draft v{{n}}',
  activated: 'v{{n}} is active',
  retiredDone: 'Plan retired',
  invalid: 'The plan definition has errors',
  general: {
    code: 'Code', name: 'Name', description: 'Description', lookbackDays: 'Look back (days)', notBefore: 'Not before (YYYY-MM-DD)',
    perPatient: 'Enrol', perEncounter: 'Each stay / visit', once: 'Once per patient', generateAheadDays: 'Create tasks ahead (days)',
    maxAttempts: 'Max tries', intervalHours: 'Retry after (hours)', teamDelayMinutes: 'Callback kept (minutes)',
    lostAfterUnreachable: 'Unreachable in a row = lost (0: never)', escalationDept: 'Escalate to (empty: enrolling dept)', escalationDueHours: 'Escalation due (hours)',
  },
  rule: {
    add: 'Add rule', id: 'Rule id', label: 'Label', kind: 'Encounter', departments: 'Departments (empty: any)', icd10: 'ICD-10 codes or ranges',
    keywords: 'Diagnosis keywords', ageMin: 'Min age', ageMax: 'Max age', dischargeModes: 'Discharge (empty: any but death)',
    critical: 'Critical value', abnormal: 'Abnormal result',
    kinds: { inpatient: 'Inpatient', outpatient: 'Outpatient', checkup: 'Checkup' },
  },
  track: {
    add: 'Add track', id: 'Track id', name: 'Name', anchor: 'Anchor', satisfiedBy: 'A visit satisfies a point',
    anchors: { discharge: 'Discharge', visit: 'Visit', checkup: 'Checkup', admission: 'Admission', treatment_start: 'Treatment start' },
    satisfied: { any_visit: 'Any visit', same_department: 'Same department', none: 'Never' },
    defaults: 'Track defaults', points: 'Points', addPoint: 'Add point', cycles: '{{count}} cycle rules (edit them in JSON)',
  },
  point: {
    at: 'At', label: 'Label (e.g. day 7 after surgery)', questionnaire: 'Questionnaire', window: 'Window (days before/after)', before: 'before', after: 'after',
    education: 'Education', channel: 'Channel', call: 'Call', sms: 'SMS', multiUnit: 'Several units: edit in JSON',
    units: { days: 'days', weeks: 'weeks', months: 'months', years: 'years' },
  },
  content: {
    opening: 'Opening (identity check, consent to record)', closing: 'Closing', education: 'Education items', addEducation: 'Add item',
    code: 'Code', title: 'Title', text: 'Content',
  },
  json: { apply: 'Apply JSON', applied: 'Applied', parseError: 'Invalid JSON: {{error}}' },
  preview: {
    title: 'Enrolment preview', encounters: '{{n}} encounters would enrol', patients: '{{n}} patients', byRule: 'By rule', sample: 'Examples (newest 20)',
    warnings: 'Warnings', stale: 'Changed since: preview again', none: 'Press "Preview enrolment" to see how many patients this definition enrols now',
    name: 'Name', kind: 'Type', date: 'Date', dept: 'Department', diag: 'Diagnosis', rule: 'Rule',
  },
  remove: 'Remove',
};

addFeatureStrings('plans', zhCN, en);
