import type { Knex } from 'knex';
import type { SoakHold, SoakReport } from './soak-worker';
import { percentile } from './stats';

// The soak's verdicts, from what the workstations say they did and what the store holds.

const AUDITED: Record<string, string> = {
  'tasks.claimNext': 'task.claim',
  'tasks.release': 'task.release',
  'followup.saveDraft': 'followup.saveDraft',
  'followup.logAttempt': 'followup.logAttempt',
  'followup.complete': 'followup.complete',
  'calls.start': 'call.start',
  'calls.answered': 'call.answered',
  'calls.end': 'call.end',
};

/** Two nurses holding one task at overlapping times: a double claim. */
function doubleClaims(reports: SoakReport[]): number {
  const byTask = new Map<number, (SoakHold & { userId: number })[]>();
  for (const r of reports) for (const h of r.holds) byTask.set(h.taskId, [...(byTask.get(h.taskId) ?? []), { ...h, userId: r.userId }]);
  let n = 0;
  for (const holds of byTask.values()) {
    holds.sort((a, b) => a.from - b.from);
    for (let i = 1; i < holds.length; i++) if (holds[i].userId !== holds[i - 1].userId && holds[i].from < holds[i - 1].to) n += 1;
  }
  return n;
}

/** The answers of each task's last applied save must be what the store holds (final or draft). */
async function lostAnswers(knex: Knex, reports: SoakReport[]): Promise<{ checked: number; lost: number }> {
  const last = new Map<number, SoakHold>();
  for (const r of reports) for (const h of r.holds) if (h.answers && h.savedAt && (last.get(h.taskId)?.savedAt ?? 0) < h.savedAt) last.set(h.taskId, h);
  let lost = 0;
  const ids = [...last.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await knex('responses')
      .whereIn('task_id', ids.slice(i, i + 500))
      .select('task_id', 'answers', 'draft');
    const held = new Map(rows.map((r) => [Number(r.task_id), r]));
    for (const id of ids.slice(i, i + 500)) {
      const want = last.get(id)!;
      const row = held.get(id);
      const got = row ? (JSON.parse(row.answers) as Record<string, string>) : null;
      const same = got !== null && Object.entries(want.answers!).every(([k, v]) => got[k] === v);
      if (!same || (want.completed && Number(row.draft) !== 0)) lost += 1;
    }
  }
  return { checked: ids.length, lost };
}

const spread = (xs: number[]) => `${[50, 95, 99].map((p) => percentile(xs, p).toFixed(0)).join(' / ')} / ${Math.max(...xs).toFixed(0)}`;

export async function checkSoak(knex: Knex, reports: SoakReport[], t0: number): Promise<{ ok: boolean; lines: string[] }> {
  const calls = reports.flatMap((r) => r.calls);
  const failed = calls.filter((c) => !c.ok);
  const ms = calls.map((c) => c.ms);
  const raw = reports.flatMap((r) => r.raw);
  const over1s = ms.filter((m) => m > 1000).length;
  const doubles = doubleClaims(reports);
  const answers = await lostAnswers(knex, reports);
  const userIds = reports.map((r) => r.userId);
  // Every successful call of an audited method left its row (a claimNext that found nothing writes none).
  const claimsFound = reports.flatMap((r) => r.holds).length;
  const expected = new Map<string, number>();
  for (const c of calls.filter((x) => x.ok && AUDITED[x.method] && x.method !== 'tasks.claimNext'))
    expected.set(AUDITED[c.method], (expected.get(AUDITED[c.method]) ?? 0) + 1);
  expected.set('task.claim', claimsFound);
  const rows: { action: string; n: string | number }[] = await knex('audit_log')
    .whereIn('user_id', userIds)
    .whereIn('action', [...expected.keys()])
    .groupBy('action')
    .select('action')
    .count({ n: '*' });
  const audited = new Map(rows.map((r) => [String(r.action), Number(r.n)]));
  const missing = [...expected].filter(([a, n]) => (audited.get(a) ?? 0) < n).map(([a, n]) => `${a} ${audited.get(a) ?? 0}/${n}`);
  const completed = reports.flatMap((r) => r.holds).filter((h) => h.completed).length;
  const delivered = reports.flatMap((r) => r.deliveries);
  const lateEvents = delivered.filter((m) => m > 1000).length;
  const callbacks = Number((await knex('missed_call_callbacks').count({ n: '*' }))[0].n);
  const openCalls = Number((await knex('calls').whereNull('ended_at').count({ n: '*' }))[0].n);
  const lines = [
    `requests: ${calls.length} (${(calls.length / reports.length).toFixed(0)} per workstation), failed: ${failed.length}${failed.length ? ` (${[...new Set(failed.map((f) => `${f.method}:${f.code}`))].join(', ')})` : ''}`,
    `tasks claimed: ${claimsFound}, completed: ${completed}; held by two nurses at once: ${doubles}`,
    `answers checked: ${answers.checked}, lost: ${answers.lost}`,
    `audit rows missing: ${missing.length ? missing.join(', ') : 'none'}`,
    `calls: ${calls.filter((c) => c.method === 'calls.start' && c.ok).length} started, ${openCalls} left open; missed calls turned into callbacks: ${callbacks}`,
    `team events (tasks.changed from another workstation, NOTIFY → local bus): ${delivered.length} delivered, p50 / p95 / p99 / max: ${delivered.length ? spread(delivered) : '-'} ms; over 1 s: ${lateEvents}`,
    `the queue opened at sign-in, before the working minute: p50 / p95 / p99 / max: ${spread(reports.map((r) => r.openMs))} ms`,
    `latency p50 / p95 / p99 / max: ${spread(ms)} ms; over 1 s: ${over1s}${
      over1s
        ? ` (${calls
            .filter((c) => c.ms > 1000)
            .map((c) => `${c.method} at +${((c.at - t0) / 1000).toFixed(1)} s`)
            .slice(0, 12)
            .join(', ')})`
        : ''
    }`,
    `raw limit, a bare select 1 from the same processes: p50 / p95 / p99 / max: ${spread(raw)} ms; over 1 s: ${raw.filter((m) => m > 1000).length}`,
    `slowest: ${[...calls]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((c) => `${c.method} ${c.ms.toFixed(0)} ms at +${((c.at - t0) / 1000).toFixed(1)} s`)
      .join('; ')}`,
    `p95 ratio (request / bare round trip): ${(percentile(ms, 95) / percentile(raw, 95)).toFixed(1)}×`,
  ];
  const ok =
    failed.length === 0 &&
    doubles === 0 &&
    answers.lost === 0 &&
    missing.length === 0 &&
    over1s === 0 &&
    lateEvents === 0 &&
    openCalls === 0 &&
    claimsFound > 0;
  lines.push(ok ? 'soak: all checks passed' : 'soak: FAILED');
  return { ok, lines };
}

/** Every 100 ms while `on()`: which statements waited on a lock, and what held it (the SQL's first words only). */
export async function sampleLockWaits(knex: Knex, on: () => boolean): Promise<string[]> {
  const seen = new Map<string, number>();
  const short = (q: string) => q.replace(/\s+/g, ' ').slice(0, 90);
  while (on()) {
    const { rows } = await knex.raw(
      `select a.query as waiting, b.query as blocking from pg_stat_activity a
         join pg_stat_activity b on b.pid = any(pg_blocking_pids(a.pid)) where a.datname = current_database()`,
    );
    for (const r of rows as { waiting: string; blocking: string }[]) {
      const k = `${short(r.waiting)}  ⟵  ${short(r.blocking)}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const top = [...seen].sort((a, b) => b[1] - a[1]).slice(0, 6);
  return top.length ? ['lock waits seen (samples every 100 ms: waiting ⟵ holding):', ...top.map(([k, n]) => `  ${n}× ${k}`)] : ['lock waits seen: none'];
}
