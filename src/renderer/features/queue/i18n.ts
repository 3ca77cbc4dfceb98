// The app's instance, initialised first: bundles can only be added to an initialised store.
import { addFeatureStrings } from '../../i18n';

// The work queue's strings under `queue.*`, added to the app's one i18next instance so the
// shared dictionaries stay untouched. Chinese first; en is type-checked to have the same keys.

/** The same shape with every leaf a string: en must translate every zh-CN key, no more. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const zhCN = {
  nav: '随访队列',
  tabs: { mine: '我的', team: '待领取', all: '全部' },
  filters: {
    plan: '全部方案',
    dept: '全部科室',
    colour: '预警',
    kind: { any: '全部类型', followup: '随访', escalation: '上报', callback: '回拨' },
    due: { open: '当前可做', overdue: '已逾期', today: '今天到期', upcoming: '未到期', any: '全部' },
    callback: { any: '含回电', only: '仅预约回电', exclude: '不含回电' },
    callbackFrom: '回电起', callbackTo: '回电止',
    reset: '重置',
  },
  colour: { red: '红', orange: '橙', yellow: '黄', green: '绿', none: '未评估' },
  counts: { overdue: '逾期', dueToday: '今日到期', red: '红色预警', callbacksDue: '待回电' },
  columns: {
    colour: '预警', patient: '患者', plan: '方案 / 时间点', dept: '科室', due: '应随访日期',
    callback: '回电时间', attempts: '拨打', assignee: '领取人', action: '操作',
  },
  age: '{{age}}岁',
  overdue: '逾期 {{count}} 天',
  dueToday: '今天到期',
  dueIn: '{{count}} 天后',
  attempt: '第 {{n}}/{{max}} 次',
  notTried: '未拨打',
  lastAttempt: '上次 {{at}} {{outcome}}',
  missedCall: '回拨: 未接来电 {{at}} {{number}}',
  missedCalls: '（共 {{count}} 次）',
  reservedFor: '为{{name}}保留',
  draft: '有草稿',
  critical: '优先',
  escalation: '上报',
  next: '领取下一位',
  nextKeys: 'N / Ctrl+Enter',
  open: '继续',
  claim: '领取',
  view: '查看',
  nothingLeft: '当前筛选条件下没有可领取的任务',
  conflict: '已被其他护士领取，列表已刷新',
  empty: '没有任务',
};

const en: Strings<typeof zhCN> = {
  nav: 'Work queue',
  tabs: { mine: 'Mine', team: 'To claim', all: 'All' },
  filters: {
    plan: 'All plans',
    dept: 'All departments',
    colour: 'Warning',
    kind: { any: 'All kinds', followup: 'Follow-ups', escalation: 'Escalations', callback: 'Callbacks' },
    due: { open: 'Workable now', overdue: 'Overdue', today: 'Due today', upcoming: 'Upcoming', any: 'Any' },
    callback: { any: 'With callbacks', only: 'Callbacks only', exclude: 'No callbacks' },
    callbackFrom: 'Callback from', callbackTo: 'Callback to',
    reset: 'Reset',
  },
  colour: { red: 'Red', orange: 'Orange', yellow: 'Yellow', green: 'Green', none: 'Not scored' },
  counts: { overdue: 'Overdue', dueToday: 'Due today', red: 'Red', callbacksDue: 'Callbacks due' },
  columns: {
    colour: 'Warning', patient: 'Patient', plan: 'Plan / point', dept: 'Department', due: 'Due',
    callback: 'Callback', attempts: 'Tries', assignee: 'Claimed by', action: 'Action',
  },
  age: '{{age}} y',
  overdue: '{{count}} d overdue',
  dueToday: 'Due today',
  dueIn: 'in {{count}} d',
  attempt: 'Try {{n}}/{{max}}',
  notTried: 'Not tried',
  lastAttempt: 'Last {{at}} {{outcome}}',
  missedCall: 'Call back: missed call {{at}} from {{number}}',
  missedCalls: ' ({{count}} calls)',
  reservedFor: 'Kept for {{name}}',
  draft: 'Draft',
  critical: 'Priority',
  escalation: 'Escalation',
  next: 'Take next',
  nextKeys: 'N / Ctrl+Enter',
  open: 'Continue',
  claim: 'Claim',
  view: 'View',
  nothingLeft: 'No task to claim under these filters',
  conflict: 'Another nurse has taken it; the list was refreshed',
  empty: 'No tasks',
};

addFeatureStrings('queue', zhCN, en);
