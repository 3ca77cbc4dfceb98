import { request, type APIRequestContext } from '@playwright/test';
import { USERS, type Backend } from './fixtures';

// A fresh backend has no plans, hence no tasks. The head activates the shipped post-discharge
// template and a small PHQ-9 plan through the API (as the plan editor would), then runs
// tasks.generate. Idempotent per backend: the worker's backend is shared by every spec file.

export const GENERAL = 'general-post-discharge';
export const PHQ9 = 'e2e-phq9';
export const BP = 'e2e-bp';

/** Recent discharges, a PHQ-9 call whose window is already open (due in about a month). */
export const PHQ9_PLAN = {
  code: PHQ9,
  name: 'E2E 情绪筛查随访 (PHQ-9)',
  enrolment: { rules: [{ id: 'recent', label: '近期出院', encounterKind: 'inpatient' }], lookbackDays: 10, perPatient: 'once' },
  tracks: [
    {
      id: 'mood',
      name: '情绪随访',
      anchor: 'discharge',
      satisfiedBy: 'none',
      points: [{ at: { days: 30 }, label: '出院第30天', questionnaire: { id: 'phq9' }, window: { before: 45, after: 10 } }],
    },
  ],
  script: { opening: '您好，我是医院随访中心的护士，请问是患者本人吗？本次通话将录音，您同意吗？', closing: '感谢配合，再见。' },
};

/** The same cohort, a blood-pressure call (numbers typed in) with the same open window. */
export const BP_PLAN = {
  ...PHQ9_PLAN,
  code: BP,
  name: 'E2E 血压随访',
  tracks: [
    { ...PHQ9_PLAN.tracks[0], id: 'bp', name: '血压随访', points: [{ ...PHQ9_PLAN.tracks[0].points[0], questionnaire: { id: 'hypertension-control' } }] },
  ],
};

type PlanRef = { id: number; name: string };
export interface PlanIds {
  general: PlanRef;
  phq9: PlanRef;
  bp: PlanRef;
}

async function call<T>(api: APIRequestContext, method: string, input: unknown = {}): Promise<T> {
  const res = await api.post(`api/${method}`, { data: input });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (!res.ok() || body.result === undefined) throw new Error(`${method}: ${res.status()} ${body.error?.message ?? ''}`);
  return body.result;
}

const prepared = new Map<string, Promise<PlanIds>>();

async function prepare(backend: Backend): Promise<PlanIds> {
  const api = await request.newContext({ baseURL: `${backend.url}/`, extraHTTPHeaders: { 'X-Followup': '1' } });
  try {
    await call(api, 'auth.login', { username: USERS.head.username, password: USERS.head.password });
    type Summary = { id: number; code: string; name: string; activeVersion: number | null };
    const existing = await call<Summary[]>(api, 'plans.list', { includeRetired: true });
    const ensure = async (code: string, definition: () => Promise<unknown>) => {
      const have = existing.find((p) => p.code === code && p.activeVersion);
      if (have) return { id: have.id, name: have.name };
      const saved = await call<{ planId: number; version: number }>(api, 'plans.save', { definition: await definition() });
      await call(api, 'plans.activate', { planId: saved.planId, version: saved.version });
      const def = (await call<{ definition: { name: string } }>(api, 'plans.export', { planId: saved.planId })).definition;
      return { id: saved.planId, name: def.name };
    };
    const general = await ensure(GENERAL, async () => {
      const templates = await call<{ definition: { code: string } }[]>(api, 'plans.templates');
      const t = templates.find((x) => x.definition.code === GENERAL);
      if (!t) throw new Error(`template ${GENERAL} is not shipped`);
      return t.definition;
    });
    const phq9 = await ensure(PHQ9, async () => PHQ9_PLAN);
    const bp = await ensure(BP, async () => BP_PLAN);
    await call(api, 'tasks.generate');
    return { general, phq9, bp };
  } finally {
    await api.dispose();
  }
}

export function preparePlans(backend: Backend): Promise<PlanIds> {
  let p = prepared.get(backend.url);
  if (!p) prepared.set(backend.url, (p = prepare(backend)));
  return p;
}

/** The admin adds a department to the head's (a head sees her departments' tasks and patients only). */
export async function giveHeadDepartment(backend: Backend, deptId: number): Promise<void> {
  const api = await request.newContext({ baseURL: `${backend.url}/`, extraHTTPHeaders: { 'X-Followup': '1' } });
  try {
    await call(api, 'auth.login', { username: USERS.admin.username, password: USERS.admin.password });
    const users = await call<{ id: number; username: string; deptIds: number[] }[]>(api, 'users.list');
    const head = users.find((u) => u.username === USERS.head.username)!;
    await call(api, 'users.setDepartments', { userId: head.id, deptIds: [...new Set([...head.deptIds, deptId])] });
  } finally {
    await api.dispose();
  }
}
