import { performance } from 'node:perf_hooks';
import { createApp } from '../src/main/app';
import { loadConfig } from '../src/main/config';
import type { User } from '../src/shared/model';
import { rng } from './stats';

// One workstation of the team soak (bench/soak-team.ts): its own process, its own app and
// connection pool on the shared PostgreSQL, one nurse working the queue through the app's
// dispatcher as the UI's calls arrive: claim, dial (the softphone's call reports), log the dial,
// save the answers, hang up, complete or put back; now and then a patient calls in and hangs up
// before she answers (a missed call: a callback task for the team). Prints what it did as one
// JSON line for the checks.

export interface SoakCall {
  method: string;
  /** Date.now() when sent. */
  at: number;
  ms: number;
  ok: boolean;
  code?: string;
}
/** What a nurse held and wrote: claim time, end time (release/complete), the answers last saved. */
export interface SoakHold {
  taskId: number;
  from: number;
  to: number;
  answers: Record<string, string> | null;
  savedAt: number | null;
  completed: boolean;
}
export interface SoakReport {
  userId: number;
  calls: SoakCall[];
  holds: SoakHold[];
  /** Bare `select 1` round trips (ms) between the nurse's actions. */
  raw: number[];
  /** How long each other workstation's tasks.changed took to arrive here (ms, one host's clock). */
  deliveries: number[];
  /** The queue as the screen first opened it, before the working minute (ms). */
  openMs: number;
}

async function main() {
  const [dataDir, userId, username, seconds, seed, startAt] = process.argv.slice(2);
  // The app's log carries no patient data: its failures go to stderr for the soak to show.
  const app = await createApp(loadConfig(dataDir), { log: (m) => process.stderr.write(`${m}\n`) });
  const user: User = { id: Number(userId), username, displayName: username, role: 'nurse' };
  // Signed in, the nurse's screen opens on her queue (timed, not counted in the working minute).
  const opened = performance.now();
  await app.dispatcher.dispatch({ user, token: null, transport: 'http', address: `127.0.0.${Number(seed) + 2}` }, 'tasks.queue', {});
  const openMs = performance.now() - opened;
  // Every workstation starts work at the same moment, once all have opened the store.
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const calls: SoakCall[] = [];
  const holds: SoakHold[] = [];
  const raw: number[] = [];
  const deliveries: number[] = [];
  app.events.subscribe((event, p) => {
    const changed = p as { origin?: string; sentAt?: number };
    if (event === 'tasks.changed' && changed.origin && changed.sentAt) deliveries.push(Date.now() - changed.sentAt);
  });
  const call = async <T>(method: string, input: unknown): Promise<T | null> => {
    const started = performance.now();
    const at = Date.now();
    const out = await app.dispatcher.dispatch({ user, token: null, transport: 'http', address: `127.0.0.${Number(seed) + 2}` }, method, input);
    calls.push({ method, at, ms: performance.now() - started, ok: out.ok, ...(out.ok ? {} : { code: out.error.code }) });
    return out.ok ? (out.result as T) : null;
  };
  const next = rng(Number(seed) + 7);
  const until = Math.max(Date.now(), Number(startAt)) + Number(seconds) * 1000;
  while (Date.now() < until) {
    const claimed = await call<{ task: { id: number; phone: string | null; questionnaireId: string | null } | null }>('tasks.claimNext', {});
    const task = claimed?.task;
    if (!task) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const hold: SoakHold = { taskId: task.id, from: Date.now(), to: 0, answers: null, savedAt: null, completed: false };
    const number = task.phone ?? '13800000000';
    const dialled = await call<{ callId: number }>('calls.start', { direction: 'outbound', number, taskId: task.id });
    const callId = dialled?.callId;
    if (callId) await call('calls.answered', { callId });
    await call('followup.logAttempt', { taskId: task.id, phoneNumber: number, outcome: 'connected', ...(callId ? { callId } : {}) });
    // PHQ-9 with item 9 at 0 (no escalation), the rest drawn: every save is told apart by its answers.
    const answers: Record<string, string> = { phq9_9: '0' };
    for (let i = 1; i <= 8; i++) answers[`phq9_${i}`] = String(Math.floor(next() * 4));
    const savedAt = Date.now();
    // A callback for a missed call has no questionnaire: the nurse just talks.
    const saved = task.questionnaireId ? await call<{ applied: boolean }>('followup.saveDraft', { taskId: task.id, answers, seq: savedAt }) : null;
    if (saved?.applied) Object.assign(hold, { answers, savedAt });
    if (callId) await call('calls.end', { callId, endedBy: 'local', reason: 'bye' });
    // The hold ends when the nurse lets go (before the request): another nurse's claim that
    // returns before this moment would be a double claim.
    hold.to = Date.now();
    if (next() < 0.5) {
      const done = await call('followup.complete', { taskId: task.id, disposition: 'completed', ...(task.questionnaireId ? { answers } : {}) });
      hold.completed = done !== null;
    } else await call('tasks.release', { taskId: task.id });
    holds.push(hold);
    // One round in five the patient rings back while the nurse is busy, and gives up.
    if (next() < 0.2) {
      const rang = await call<{ callId: number }>('calls.start', { direction: 'inbound', number });
      if (rang) await call('calls.end', { callId: rang.callId, endedBy: 'remote', reason: 'caller gave up' });
    }
    // The raw limit in the same moment: a bare round trip to the same database from this process.
    const bare = performance.now();
    await app.store.knex.raw('select 1');
    raw.push(performance.now() - bare);
  }
  await app.close();
  const report: SoakReport = { userId: user.id, calls, holds, raw, deliveries, openMs };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
