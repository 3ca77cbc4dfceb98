import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/shared/model';
import type { TestDispatch } from '../helpers/dispatch';
import { STORE_KINDS } from '../helpers/stores';
import type { Fixture } from './reports-fixture';
import { openReportsWorld, type ReportsWorld } from './reports-world';

// Every expected figure below was counted by hand from reports-fixture.ts (its header lists the tasks).

type Metric = {
  code: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  previous: { value: number | null };
  trend: { month: string; value: number | null }[];
};

describe.each(STORE_KINDS)('metrics on %s', (kind) => {
  let world: ReportsWorld;
  let fx: Fixture;
  let call: TestDispatch;
  let head1: User, head2: User, headless: User, admin: User, nurse: User;
  const dash = async (u: User, deptIds?: number[], month = '2026-11') =>
    new Map(((await call(u, 'reports.dashboard', { month, deptIds })).metrics as Metric[]).map((m) => [m.code, m]));
  const pick = (m: Metric | undefined) => m && { value: m.value, n: m.numerator, d: m.denominator };

  beforeAll(async () => {
    world = await openReportsWorld(kind);
    ({
      fx,
      call,
      users: { head1, head2, headless, admin, nurse },
    } = world);
  });
  afterAll(() => world?.close());

  it('counts department A in November by hand', async () => {
    const m = await dash(head1, [fx.depts.A]);
    // Due: T1, T2, T3 (T4 cancelled by death, T5 callback, T9 escalation excluded).
    expect(pick(m.get('due'))).toEqual({ value: 3, n: 3, d: null });
    expect(pick(m.get('completed'))).toEqual({ value: 2, n: 2, d: null });
    expect(pick(m.get('overdue'))).toEqual({ value: 0, n: 0, d: null });
    expect(pick(m.get('followUpRate'))).toEqual({ value: 0.666667, n: 2, d: 3 });
    // T1 closed on the 6th inside 2–8; T2 on the 14th after its window 6–12.
    expect(pick(m.get('timelyRate'))).toEqual({ value: 0.333333, n: 1, d: 3 });
    expect(pick(m.get('coverage'))).toEqual({ value: 1, n: 3, d: 3 });
    // Dials of T1 (2), T2 (1), T3 (3) and the callback T5 (1); connected: T1, T2, T5.
    expect(pick(m.get('connectRatePerCall'))).toEqual({ value: 0.428571, n: 3, d: 7 });
    // Patients dialled: P1, P2, P3; reached: P1, P2.
    expect(pick(m.get('connectRatePerPatient'))).toEqual({ value: 0.666667, n: 2, d: 3 });
    expect(pick(m.get('effectiveRate'))).toEqual({ value: 0.666667, n: 2, d: 3 });
    // P3 lost at T3 out of P1, P2, P3.
    expect(pick(m.get('lostRate'))).toEqual({ value: 0.333333, n: 1, d: 3 });
    expect(pick(m.get('refusalRate'))).toEqual({ value: 0, n: 0, d: 3 });
    expect(pick(m.get('questionnaireCompletion'))).toEqual({ value: 0.666667, n: 2, d: 3 });
    // sat_overall 5 (T1) and 3 (T2).
    expect(pick(m.get('satisfaction'))).toEqual({ value: 0.5, n: 1, d: 2 });
    expect([m.get('warningRed')?.value, m.get('warningOrange')?.value, m.get('warningYellow')?.value, m.get('warningGreen')?.value]).toEqual([0, 0, 1, 1]);
    expect(pick(m.get('safetyTriggers'))).toEqual({ value: 1, n: 1, d: null });
    expect(pick(m.get('escalatedInTime'))).toEqual({ value: 1, n: 1, d: 1 });
    // Booked: T1 (10th) and T2 (15th); the cancelled one is not. Only T1's window has closed; it was attended on the 12th.
    expect(pick(m.get('returnVisitsBooked'))).toEqual({ value: 2, n: 2, d: null });
    expect(pick(m.get('returnVisitAttendance'))).toEqual({ value: 1, n: 1, d: 1 });
    // Accepted by the provider: T1's (delivered, replied) and T2's (undelivered); T3's was only logged.
    expect(pick(m.get('smsDelivered'))).toEqual({ value: 0.5, n: 1, d: 2 });
    expect(pick(m.get('smsReplied'))).toEqual({ value: 1, n: 1, d: 1 });
    // Answered dials of 10, 6 and 4 minutes.
    expect(pick(m.get('averageHandleTime'))).toEqual({ value: 6.666667, n: 20, d: 3 });
    // Nurse-days: n1 on 6, 11, 12, 13 Nov; n2 on 14 Nov. Completions by nurses: T1, T2. Dials: 7.
    expect(pick(m.get('followUpsPerNurseDay'))).toEqual({ value: 0.4, n: 2, d: 5 });
    expect(pick(m.get('callsPerNurseDay'))).toEqual({ value: 1.4, n: 7, d: 5 });
  });

  it('gives last month and a twelve-month trend', async () => {
    const rate = (await dash(head1, [fx.depts.A])).get('followUpRate')!;
    // October: T11 done.
    expect(rate.previous.value).toBe(1);
    expect(rate.trend).toHaveLength(12);
    expect(rate.trend[0].month).toBe('2025-12');
    expect(rate.trend.slice(-2).map((x) => x.value)).toEqual([1, 0.666667]);
    expect(rate.trend[0].value).toBeNull();
  });

  it('scopes a head to her two departments and refuses a third', async () => {
    const m = await dash(head1);
    // A + B: due T1, T2, T3, T6, T7, T8; overdue T6 (window ended the 18th); refused T8.
    expect(pick(m.get('due'))).toEqual({ value: 6, n: 6, d: null });
    expect(pick(m.get('overdue'))).toEqual({ value: 1, n: 1, d: null });
    expect(pick(m.get('coverage'))).toEqual({ value: 0.833333, n: 5, d: 6 });
    expect(pick(m.get('effectiveRate'))).toEqual({ value: 0.6, n: 3, d: 5 });
    expect(pick(m.get('refusalRate'))).toEqual({ value: 0.166667, n: 1, d: 6 });
    expect(pick(m.get('lostRate'))).toEqual({ value: 0.2, n: 1, d: 5 });
    expect(pick(m.get('connectRatePerPatient'))).toEqual({ value: 0.75, n: 3, d: 4 });
    expect(pick(m.get('averageHandleTime'))).toEqual({ value: 5.5, n: 22, d: 4 });
    // n2 adds 3 and 19 Nov in B: 7 nurse-days, 9 dials.
    expect(pick(m.get('callsPerNurseDay'))).toEqual({ value: 1.285714, n: 9, d: 7 });
    expect((await call(head1, 'reports.dashboard', { month: '2026-11' })).deptIds).toEqual([fx.depts.A, fx.depts.B].sort((a, b) => a - b));
    await expect(call(head1, 'reports.dashboard', { month: '2026-11', deptIds: [fx.depts.A, fx.depts.C] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      call(head1, 'reports.drilldown', { metric: 'due', from: '2026-11-01', to: '2026-11-30', deptIds: [fx.depts.C], part: 'numerator' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('counts a transferred patient for the department the enrolment names', async () => {
    // P5 was admitted to A and discharged from B; T6 counts for B only.
    expect((await dash(head1, [fx.depts.A])).get('overdue')?.value).toBe(0);
    expect((await dash(head1, [fx.depts.B])).get('overdue')?.value).toBe(1);
  });

  it('shows nothing to a head without departments, everything to an admin', async () => {
    const none = await call(headless, 'reports.dashboard', { month: '2026-11' });
    expect(none.deptIds).toEqual([]);
    expect(none.metrics.find((m: Metric) => m.code === 'due').value).toBe(0);
    const all = await dash(admin);
    // A 3 + B 3 + C 1 (T10 satisfied by a visit: completed, timely, never dialled).
    expect(pick(all.get('due'))).toEqual({ value: 7, n: 7, d: null });
    expect(pick(all.get('followUpRate'))).toEqual({ value: 0.428571, n: 3, d: 7 });
    expect(pick(all.get('timelyRate'))).toEqual({ value: 0.285714, n: 2, d: 7 });
    await expect(call(nurse, 'reports.dashboard', { month: '2026-11' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('drills into numerator and gap, which add up to the denominator', async () => {
    const drill = (u: User, metric: string, part: string, deptIds?: number[]) =>
      call(u, 'reports.drilldown', { metric, from: '2026-11-01', to: '2026-11-30', deptIds, part, pageSize: 200 });
    const withGap = ['followUpRate', 'timelyRate', 'coverage', 'effectiveRate', 'refusalRate', 'questionnaireCompletion', 'satisfaction'];
    for (const metric of [...withGap, 'escalatedInTime', 'returnVisitAttendance']) {
      const m = (await dash(head1)).get(metric)!;
      const num = await drill(head1, metric, 'numerator');
      const gap = await drill(head1, metric, 'gap');
      expect(num.total, metric).toBe(m.numerator);
      expect(num.total + gap.total, metric).toBe(m.denominator);
      expect(num.rows.length + gap.rows.length).toBe(m.denominator);
    }
    const gap = await drill(head1, 'followUpRate', 'gap', [fx.depts.A]);
    expect(gap.rows).toEqual([
      expect.objectContaining({
        taskId: fx.tasks.T3,
        patientName: '丙三',
        deptName: '心内科',
        planName: '出院随访',
        planNameEn: 'Discharge follow-up',
        status: 'unreachable',
        lastOutcome: 'no_contact',
        lastAttemptAt: '2026-11-13 15:00:00',
        nurseName: '用户n1',
      }),
    ]);
    expect(JSON.stringify(gap.rows)).not.toContain('110101');
    const bGap = await drill(head1, 'followUpRate', 'gap', [fx.depts.B]);
    expect(bGap.rows.map((r: { taskId: number; lastOutcome: string | null }) => [r.taskId, r.lastOutcome])).toEqual([
      [fx.tasks.T8, 'refused'],
      [fx.tasks.T6, null],
      [fx.tasks.T7, 'busy'],
    ]);
    const page = await call(head1, 'reports.drilldown', { metric: 'due', from: '2026-11-01', to: '2026-11-30', part: 'numerator', page: 2, pageSize: 4 });
    expect([page.total, page.rows.length]).toEqual([6, 2]);
    // Counts over a task's escalation or booking, and the lost points, list their tasks.
    const tasksOf = async (metric: string) => (await drill(head1, metric, 'numerator', [fx.depts.A])).rows.map((r: { taskId: number }) => r.taskId);
    expect(await tasksOf('safetyTriggers')).toEqual([fx.tasks.T2]);
    expect(await tasksOf('escalatedInTime')).toEqual([fx.tasks.T2]);
    expect(await tasksOf('returnVisitsBooked')).toEqual([fx.tasks.T1, fx.tasks.T2]);
    expect(await tasksOf('returnVisitAttendance')).toEqual([fx.tasks.T1]);
    expect((await drill(head1, 'returnVisitAttendance', 'gap', [fx.depts.A])).rows).toEqual([]); // T2's window is still open
    expect(await tasksOf('lostRate')).toEqual([fx.tasks.T3]);
    expect((await drill(head1, 'lostRate', 'gap')).total).toBe(0); // its denominator counts patients, not tasks
  });

  it('drills into the dials, patients, SMS and nurse-days the other figures count', async () => {
    const drill = (metric: string, part: string, deptIds?: number[]) =>
      call(head1, 'reports.drilldown', { metric, from: '2026-11-01', to: '2026-11-30', deptIds, part, pageSize: 200 });
    const m = await dash(head1);
    for (const [metric, kind] of [
      ['connectRatePerCall', 'dial'],
      ['connectRatePerPatient', 'patient'],
      ['smsDelivered', 'sms'],
      ['smsReplied', 'sms'],
    ]) {
      const num = await drill(metric, 'numerator');
      const gap = await drill(metric, 'gap');
      expect([metric, num.kind, num.total, num.total + gap.total]).toEqual([metric, kind, m.get(metric)!.numerator, m.get(metric)!.denominator]);
      expect(num.rows.length + gap.rows.length).toBe(m.get(metric)!.denominator);
    }
    const handled = await drill('averageHandleTime', 'numerator');
    expect([handled.kind, handled.total]).toEqual(['dial', m.get('averageHandleTime')!.denominator]);
    const minutes = handled.rows.reduce((sum: number, r: { minutes: number }) => sum + r.minutes, 0);
    expect(minutes).toBeCloseTo(m.get('averageHandleTime')!.numerator, 1);
    const days = await drill('followUpsPerNurseDay', 'numerator');
    const sum = (k: string) => days.rows.reduce((n: number, r: Record<string, number>) => n + r[k], 0);
    expect([days.kind, days.total, sum('completions'), sum('dials')]).toEqual([
      'nurseDay',
      m.get('followUpsPerNurseDay')!.denominator,
      m.get('followUpsPerNurseDay')!.numerator,
      m.get('callsPerNurseDay')!.numerator,
    ]);
    // By hand, department A in November: T1 was dialled twice on the 6th (no answer at 09:00, then answered), T2 once, T3 three times.
    const aGap = await drill('connectRatePerCall', 'gap', [fx.depts.A]);
    expect(aGap.rows[0]).toMatchObject({
      taskId: fx.tasks.T1,
      patientName: '甲一',
      lastOutcome: 'no_answer',
      lastAttemptAt: '2026-11-06 09:00:00',
      nurseName: '用户n1',
    });
    const reached = await drill('connectRatePerPatient', 'numerator', [fx.depts.A]);
    expect(reached.rows.map((r: { patientName: string }) => r.patientName)).toContain('甲一');
    expect(JSON.stringify([aGap, reached, days])).not.toContain('110101');
    const defs = (await call(head1, 'reports.metrics', {})) as { code: string; drillable: boolean }[];
    expect(defs.filter((d) => !d.drillable).map((d) => d.code)).toEqual([]);
  });

  it('reports a renamed department under its current name with its history', async () => {
    const table = await call(admin, 'reports.run', {
      rows: 'department',
      measures: ['due', 'followUpRate'],
      filters: { from: '2026-10-01', to: '2026-11-30' },
    });
    const rows = table.rows.map((r: Record<string, unknown>) => [r.group, r.due, r.followUpRate, r['followUpRate.num'], r['followUpRate.den']]);
    // A: Oct T11 + Nov T1, T2, T3 = 4 due, 3 done.
    expect(rows).toEqual([
      ['心内科', 4, 0.75, 3, 4],
      ['呼吸科', 3, 0, 0, 3],
      ['肿瘤科', 1, 1, 1, 1],
      ['合计', 8, 0.5, 4, 8],
    ]);
    expect(table.columns.map((c: { key: string }) => c.key)).toEqual(['group', 'due', 'followUpRate', 'followUpRate.num', 'followUpRate.den']);
    expect(table.definitions.map((d: { code: string }) => d.code)).toEqual(['due', 'followUpRate']);
  });

  it('builds reports by nurse, month, diagnosis group and encounter type', async () => {
    const run = (rows: string, measures: string[], extra: Record<string, unknown> = {}) =>
      call(head1, 'reports.run', { rows, measures, filters: { from: '2026-11-01', to: '2026-11-30', ...extra } });
    const byNurse = await run('nurse', ['callsPerNurseDay']);
    // n1: 6 dials over 4 days; n2: T2, T7, T8 over 14, 19, 3 Nov.
    expect(byNurse.rows.map((r: Record<string, unknown>) => [r.group, r.callsPerNurseDay])).toEqual([
      ['用户n1', 1.5],
      ['用户n2', 1],
      ['合计', 1.285714],
    ]);
    const byDiag = await run('diagnosisGroup', ['due']);
    // P4's anchor has no diagnosis: its group holds only the cancelled T4, so nothing is due there.
    expect(byDiag.rows.map((r: Record<string, unknown>) => [r.group, r.due])).toEqual([
      ['（未指定）', 0],
      ['I21', 2],
      ['I50', 1],
      ['J18', 1],
      ['J44', 2],
      ['合计', 6],
    ]);
    const outpatients = await run('encounterKind', ['due'], { encounterKinds: ['outpatient'] });
    expect(outpatients.rows.map((r: Record<string, unknown>) => [r.group, r.due])).toEqual([
      ['门诊', 2],
      ['合计', 2],
    ]);
    // Labels that are not names carry a code the screen translates; names carry none.
    expect(outpatients.rows.map((r: Record<string, unknown>) => r.groupCode)).toEqual(['kind.outpatient', 'totalRow']);
    expect(byDiag.rows.map((r: Record<string, unknown>) => r.groupCode)).toEqual(['unspecified', null, null, null, null, 'totalRow']);
    expect(byDiag.totalRow).toBe(true);
    const byNurseFilter = await run('month', ['due', 'followUpRate'], { nurseIds: [fx.users.n2] });
    // n2's tasks: those she closed (T2, T8) and the one she holds (T7); a rate over only the
    // closed ones would be 100%.
    expect(byNurseFilter.rows.map((r: Record<string, unknown>) => [r.group, r.due, r.followUpRate])).toEqual([
      ['2026-11', 3, 0.333333],
      ['合计', 3, 0.333333],
    ]);
    const weeks = await run('week', ['due']);
    // Weeks from Monday: 2 Nov (T8 on the 3rd, T1 the 5th), 9 Nov (T2, T3, and T6 on Sunday the 15th), 16 Nov (T7).
    expect(weeks.rows.map((r: Record<string, unknown>) => [r.group, r.due])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-09', 3],
      ['2026-11-16', 1],
      ['合计', 6],
    ]);
  });

  it('spreads the answers of a questionnaire item and the bands of a score', async () => {
    const item = { questionnaireId: 'discharge-satisfaction', itemId: 'sat_overall' };
    const t = await call(admin, 'reports.run', { rows: 'department', measures: [], item, filters: { from: '2026-11-01', to: '2026-11-30' } });
    const a = t.rows[0];
    expect([a.group, a.answered, a['n:5'], a['share:5'], a['n:3'], a['n:1']]).toEqual(['心内科', 2, 1, 0.5, 1, 0]);
    expect(t.columns.find((c: { key: string }) => c.key === 'n:5').title.zh).toBe('非常满意');
    const bands = await call(admin, 'reports.run', {
      rows: 'scoreBand',
      item: { questionnaireId: 'discharge-satisfaction', itemId: 'satisfaction_total' },
      filters: { from: '2026-11-01', to: '2026-11-30' },
    });
    expect(bands.rows).toEqual([
      { group: '不满意', count: 0, share: 0 },
      { group: '基本满意', count: 1, share: 0.5 },
      { group: '满意', count: 1, share: 0.5 },
    ]);
    await expect(call(admin, 'reports.run', { rows: 'questionnaireItem', filters: { from: '2026-11-01', to: '2026-11-30' } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(call(admin, 'reports.run', { rows: 'month', measures: ['nope'], filters: { from: '2026-11-01', to: '2026-11-30' } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('lists every metric with bilingual definitions', async () => {
    const defs = await call(head2, 'reports.metrics');
    expect(defs.length).toBeGreaterThanOrEqual(26);
    for (const d of defs) {
      expect(d.name.zh && d.name.en && d.numerator.zh && d.numerator.en && d.exclusions.zh && d.period.en).toBeTruthy();
      if (d.unit !== 'count') expect(d.denominator?.zh).toBeTruthy();
    }
  });
});
