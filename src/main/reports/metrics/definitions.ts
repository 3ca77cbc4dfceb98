import type { Bilingual, MetricDefinition, MetricUnit } from '../../../shared/contract/reports';
import type { FamilyCode } from './families';
import type { DrillPredicateName } from './predicates';

// Every statistic the product shows, defined once: its texts (shown on hover and on every
// exported definitions sheet) and where its numerator and denominator come from. Conventions
// shared by all of them are written once here and repeated in each text that needs them.
//
// Period: a row belongs to the period in which its follow-up task was due (tasks.due_date),
// whatever the metric counts (the task, its dials, its escalations, bookings or SMS), so one
// month's figures describe one set of follow-up points and every figure has a drill-down.
// Department: the task's department (tasks.dept_id, the department the enrolment names). A
// renamed department keeps its id, so its history reports under its current name; a patient
// transferred to another ward counts for the department on the task.

export interface Metric extends MetricDefinition {
  family: FamilyCode;
  /** The family aggregate counted as numerator and (null for plain counts) denominator. */
  num: string;
  den: string | null;
  /** For drillable metrics: the rows listed and the conditions behind numerator and denominator. */
  drill?: MetricDrill;
}

/**
 * A drill-down lists the rows a figure counts: tasks (the default) under task predicates, or the
 * dials, patients, SMS or nurse-days the other families count, under their own conditions
 * (reports/drill-sources.ts), so a list's length is the figure's count.
 */
export type MetricDrill =
  | { rows?: 'task'; num: DrillPredicateName; den: DrillPredicateName | null }
  | { rows: 'dial'; num: 'connected' | 'handled'; den: 'dials' | null }
  | { rows: 'patient'; num: 'reached'; den: 'attempted' }
  | { rows: 'sms'; num: 'delivered' | 'replied'; den: 'accepted' | 'delivered' }
  | { rows: 'nurseDay'; num: 'all'; den: null };
export type TaskDrill = Extract<MetricDrill, { num: DrillPredicateName }>;
export type OtherDrill = Exclude<MetricDrill, TaskDrill>;
export const isTaskDrill = (d: MetricDrill): d is TaskDrill => d.rows === undefined || d.rows === 'task';

const bi = (zh: string, en: string): Bilingual => ({ zh, en });

const PERIOD_DUE = bi('随访任务的应访日期（due_date）落在统计期内', "the follow-up task's due date falls in the period");
const DEPT = bi(
  '科室按任务所属科室（入组计划所指科室）统计；科室更名后沿用原编号，历史数据归入现名；转科患者计入任务所属科室。',
  "Departments are the task's (the one the enrolment names); a renamed department keeps its id, so its history reports under its current name; a transferred patient counts for the department on the task.",
);
const BASE_EXCL = bi(
  '不计：已取消的任务（患者死亡、拒访、失访或人工停止计划后取消的随访点）、回拨任务和上报任务。',
  'Excluded: cancelled tasks (points cancelled when the plan stopped: death, refusal, loss or a manual stop), callback tasks and escalation tasks.',
);
const withDept = (e: Bilingual): Bilingual => bi(`${e.zh}${DEPT.zh}`, `${e.en} ${DEPT.en}`);
const EXCL = withDept(BASE_EXCL);
const DUE_TEXT = bi(
  '应访：统计期内应访的随访任务数（一个随访点一条；同一患者有两个随访点计两次）',
  'Due: follow-up tasks due in the period (one per follow-up point; a patient due twice counts twice)',
);
const ATTEMPTED_TEXT = bi('至少拨打过一次的应访任务数', 'due tasks dialled at least once');

interface Spec {
  code: string;
  name: [string, string];
  unit: MetricUnit;
  family: FamilyCode;
  num: string;
  den: string | null;
  numText: [string, string];
  denText?: Bilingual;
  excl?: Bilingual;
  period?: Bilingual;
  drill?: Metric['drill'];
}

const specs: Spec[] = [
  {
    code: 'due',
    name: ['应访', 'Due'],
    unit: 'count',
    family: 'followup',
    num: 'due',
    den: null,
    numText: [DUE_TEXT.zh, DUE_TEXT.en],
    drill: { num: 'due', den: null },
  },
  {
    code: 'completed',
    name: ['已完成', 'Completed'],
    unit: 'count',
    family: 'followup',
    num: 'completed',
    den: null,
    numText: [
      '已获得随访结果的应访任务：完成问卷、确认死亡，或 HIS 显示患者已回院就诊（免访）',
      'due tasks with an outcome obtained: completed, death confirmed, or satisfied by a hospital visit the HIS shows',
    ],
    drill: { num: 'completed', den: null },
  },
  {
    code: 'overdue',
    name: ['超期未访', 'Overdue'],
    unit: 'count',
    family: 'followup',
    num: 'overdue',
    den: null,
    numText: [
      '仍未处理（待领取或处理中）且随访窗口已于统计当日之前结束的应访任务',
      'due tasks still open (pending or claimed) whose window ended before the day of the report',
    ],
    drill: { num: 'overdue', den: null },
  },
  {
    code: 'followUpRate',
    name: ['随访率', 'Follow-up rate'],
    unit: 'percent',
    family: 'followup',
    num: 'completed',
    den: 'due',
    numText: [
      '已完成的应访任务（完成问卷、确认死亡或回院免访）',
      'due tasks completed (questionnaire done, death confirmed, or satisfied by a hospital visit)',
    ],
    denText: DUE_TEXT,
    drill: { num: 'completed', den: 'due' },
  },
  {
    code: 'timelyRate',
    name: ['及时随访率', 'Timely follow-up rate'],
    unit: 'percent',
    family: 'followup',
    num: 'timely',
    den: 'due',
    numText: [
      '在随访点窗口内（window_start 至 window_end，按完成日期）完成的应访任务',
      "due tasks completed within the point's window (window_start to window_end, by completion date)",
    ],
    denText: DUE_TEXT,
    drill: { num: 'timely', den: 'due' },
  },
  {
    code: 'coverage',
    name: ['覆盖率', 'Coverage'],
    unit: 'percent',
    family: 'followup',
    num: 'attempted',
    den: 'due',
    numText: [ATTEMPTED_TEXT.zh, ATTEMPTED_TEXT.en],
    denText: DUE_TEXT,
    drill: { num: 'attempted', den: 'due' },
  },
  {
    code: 'connectRatePerCall',
    name: ['接通率（按呼叫）', 'Connect rate per call'],
    unit: 'percent',
    family: 'attempts',
    num: 'connected',
    den: 'dials',
    numText: ['接通的拨打次数', 'dials answered (outcome connected)'],
    denText: bi('拨打总次数（含回拨和上报任务的拨打）', 'all dials (those of callback and escalation tasks included)'),
    excl: withDept(bi('不计已撤回的呼叫（取消、失败的呼叫不记为拨打）。', 'Calls taken back (cancelled or failed calls) are not dials.')),
    drill: { rows: 'dial', num: 'connected', den: 'dials' },
  },
  {
    code: 'connectRatePerPatient',
    name: ['接通率（按患者）', 'Connect rate per patient'],
    unit: 'percent',
    family: 'attempts',
    num: 'patientsReached',
    den: 'patientsAttempted',
    numText: ['至少接通一次的患者数', 'patients reached by at least one dial'],
    denText: bi('被拨打过的患者数', 'patients dialled at least once'),
    excl: withDept(bi('每位患者在统计期内只计一次。', 'Each patient counts once in the period.')),
    drill: { rows: 'patient', num: 'reached', den: 'attempted' },
  },
  {
    code: 'effectiveRate',
    name: ['有效随访率', 'Effective follow-up rate'],
    unit: 'percent',
    family: 'followup',
    num: 'effective',
    den: 'attempted',
    numText: ['拨打过且记录了有效结果（完成、死亡、拒访）的应访任务', 'dialled due tasks closed with a valid result (completed, deceased, refused)'],
    denText: ATTEMPTED_TEXT,
    drill: { num: 'effective', den: 'attempted' },
  },
  {
    code: 'lostRate',
    name: ['失访率', 'Lost-to-follow-up rate'],
    unit: 'percent',
    family: 'followup',
    num: 'patientsLost',
    den: 'patientsDue',
    numText: [
      '在统计期内应访、且因连续未联系上被计划停止规则判为失访的患者（失访发生在本期应访的随访点上）',
      "patients due in the period whose plan's stop rule declared them lost at a point due in the period (closed unreachable, plan stopped as lost)",
    ],
    denText: bi('统计期内有应访任务的患者数（每人计一次）', 'patients with a task due in the period (each once)'),
    drill: { num: 'lost', den: null },
  },
  {
    code: 'refusalRate',
    name: ['拒访率', 'Refusal rate'],
    unit: 'percent',
    family: 'followup',
    num: 'refused',
    den: 'due',
    numText: ['以“拒访”结束的应访任务', 'due tasks closed as refused'],
    denText: DUE_TEXT,
    drill: { num: 'refused', den: 'due' },
  },
  {
    code: 'questionnaireCompletion',
    name: ['问卷完成率', 'Questionnaire completion'],
    unit: 'percent',
    family: 'followup',
    num: 'questionnaireDone',
    den: 'questionnaireDue',
    numText: ['问卷已提交（非草稿）的应访任务', 'due tasks whose questionnaire response is final (not a draft)'],
    denText: bi('带问卷的应访任务（按应答问卷计，而非按接通电话计）', 'due tasks with a questionnaire (questionnaires due, not calls connected)'),
    drill: { num: 'questionnaireDone', den: 'questionnaireDue' },
  },
  {
    code: 'satisfaction',
    name: ['满意度', 'Satisfaction'],
    unit: 'percent',
    family: 'followup',
    num: 'satisfied',
    den: 'satisfactionAnswered',
    numText: [
      '总体满意度（sat_overall）回答“满意”或“非常满意”（4–5 分）的应访任务',
      'due tasks whose overall-satisfaction answer (sat_overall) is satisfied or very satisfied (4–5)',
    ],
    denText: bi('已提交问卷中回答了总体满意度的应访任务', 'due tasks with a final response answering overall satisfaction'),
    drill: { num: 'satisfied', den: 'satisfactionAnswered' },
  },
  ...(['red', 'orange', 'yellow', 'green'] as const).map((c): Spec => {
    const zh = { red: '红色', orange: '橙色', yellow: '黄色', green: '绿色' }[c];
    return {
      code: `warning${c[0].toUpperCase()}${c.slice(1)}`,
      name: [`${zh}预警`, `${c[0].toUpperCase()}${c.slice(1)} warnings`],
      unit: 'count',
      family: 'followup',
      num: c,
      den: null,
      numText: [
        `四色预警为${zh}的应访任务（问卷评分或危急值所定颜色）`,
        `due tasks whose four-colour warning is ${c} (set by the questionnaire's scores or a critical value)`,
      ],
      drill: { num: c, den: null },
    };
  }),
  {
    code: 'safetyTriggers',
    name: ['安全触发上报', 'Safety escalations'],
    unit: 'count',
    family: 'escalations',
    num: 'triggers',
    den: null,
    numText: [
      '应访任务完成时因安全触发条件（如 PHQ-9 第 9 题 > 0）提交的上报，以及危急值超过通知时限未通知而自动提交的上报',
      'escalations filed when completing a due task fired a safety trigger (e.g. PHQ-9 item 9 > 0), and those filed when a critical value was not notified within its deadline',
    ],
    drill: { num: 'escalated', den: null },
  },
  {
    code: 'escalatedInTime',
    name: ['及时处理上报率', 'Escalations handled in time'],
    unit: 'percent',
    family: 'escalations',
    num: 'inTime',
    den: 'triggers',
    numText: ['在期限（due_at）前关闭的上报', 'escalations closed by their deadline (due_at)'],
    denText: bi('上报总数', 'all escalations'),
    drill: { num: 'escalatedInTime', den: 'escalated' },
  },
  {
    code: 'returnVisitsBooked',
    name: ['预约复诊', 'Return visits booked'],
    unit: 'count',
    family: 'appointments',
    num: 'booked',
    den: null,
    numText: ['应访任务中预约的复诊（未取消）', 'return visits booked on due tasks (not cancelled)'],
    drill: { num: 'booked', den: null },
  },
  {
    code: 'returnVisitAttendance',
    name: ['复诊到诊率', 'Return-visit attendance'],
    unit: 'percent',
    family: 'appointments',
    num: 'attended',
    den: 'attendDue',
    numText: [
      'HIS 同步的就诊记录显示患者在预约日至其后 7 天内门诊就诊或入院的预约',
      'bookings followed, per the HIS-synced encounters, by an outpatient visit or an admission of the patient from the booked date to 7 days after',
    ],
    denText: bi(
      '已过到诊窗口（预约日 + 7 天早于统计当日）或已到诊的预约',
      'bookings whose window has closed (booked date + 7 days before the day of the report) or already attended',
    ),
    drill: { num: 'attended', den: 'attendDue' },
  },
  {
    code: 'smsDelivered',
    name: ['短信送达率', 'SMS delivered'],
    unit: 'percent',
    family: 'messages',
    num: 'delivered',
    den: 'accepted',
    numText: ['运营商回执为已送达的外发短信', 'outbound SMS the carrier reported delivered'],
    denText: bi('短信平台已接收的外发短信（不含仅记录日志的短信）', 'outbound SMS the provider accepted (log-only messages excluded)'),
    excl: withDept(bi('仅统计关联随访任务的短信。', 'Only SMS linked to a follow-up task count.')),
    drill: { rows: 'sms', num: 'delivered', den: 'accepted' },
  },
  {
    code: 'smsReplied',
    name: ['短信回复率', 'SMS replied'],
    unit: 'percent',
    family: 'messages',
    num: 'replied',
    den: 'delivered',
    numText: ['送达后 3 天内收到同一号码回复的短信', 'delivered SMS answered from the same number within 3 days'],
    denText: bi('已送达的外发短信', 'delivered outbound SMS'),
    excl: withDept(bi('仅统计关联随访任务的短信。', 'Only SMS linked to a follow-up task count.')),
    drill: { rows: 'sms', num: 'replied', den: 'delivered' },
  },
  {
    code: 'averageHandleTime',
    name: ['平均处理时长', 'Average handle time'],
    unit: 'minutes',
    family: 'attempts',
    num: 'handleMinutes',
    den: 'handled',
    numText: [
      '接通拨打的通话时长之和（分钟）：从拨打记录开始到结束，含振铃与保持；话后整理时间系统未记录，未计入',
      "total minutes of answered dials, from the attempt's start to its end (ringing and hold included); after-call work is not recorded and is left out",
    ],
    denText: bi('有结束时间的接通拨打次数', 'answered dials with an end time'),
    drill: { rows: 'dial', num: 'handled', den: null },
  },
  {
    code: 'followUpsPerNurseDay',
    name: ['人均日完成随访', 'Follow-ups per nurse-day'],
    unit: 'perDay',
    family: 'work',
    num: 'completions',
    den: 'nurseDays',
    numText: ['护士完成的应访任务数（回院免访不计）', 'due tasks completed by a nurse (visits the HIS satisfied excluded)'],
    denText: bi(
      '护士工作日：护士在该期应访任务上有拨打或完成记录的不同（护士, 日期）数',
      "nurse working days: distinct (nurse, day) with a dial or a completion on the period's due tasks",
    ),
    drill: { rows: 'nurseDay', num: 'all', den: null },
  },
  {
    code: 'callsPerNurseDay',
    name: ['人均日拨打', 'Calls per nurse-day'],
    unit: 'perDay',
    family: 'work',
    num: 'dials',
    den: 'nurseDays',
    numText: ['护士的拨打次数', 'dials by nurses'],
    denText: bi(
      '护士工作日：护士在该期应访任务上有拨打或完成记录的不同（护士, 日期）数',
      "nurse working days: distinct (nurse, day) with a dial or a completion on the period's due tasks",
    ),
    drill: { rows: 'nurseDay', num: 'all', den: null },
  },
];

const toMetric = (s: Spec): Metric => ({
  code: s.code,
  name: bi(...s.name),
  unit: s.unit,
  family: s.family,
  num: s.num,
  den: s.den,
  numerator: bi(...s.numText),
  denominator: s.denText ?? null,
  exclusions: s.excl ?? EXCL,
  period: s.period ?? PERIOD_DUE,
  drillable: !!s.drill,
  drillGap: !!s.drill?.den,
  ...(s.drill ? { drill: s.drill } : {}),
});

export const METRICS: readonly Metric[] = specs.map(toMetric);
const byCode = new Map(METRICS.map((m) => [m.code, m]));

export const metricOf = (code: string): Metric | undefined => byCode.get(code);

/** The public part of a definition (what reports.metrics and the definitions sheet show). */
export const publicDefinition = ({ code, name, unit, numerator, denominator, exclusions, period, drillable, drillGap }: Metric): MetricDefinition => ({
  code,
  name,
  unit,
  numerator,
  denominator,
  exclusions,
  period,
  drillable,
  drillGap,
});
