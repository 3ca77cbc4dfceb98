import { useSyncExternalStore } from 'react';
import type { QueueInput, TaskKind, WarningColour } from '../../../shared/contract/followup';

// The queue's tab, filters and page live outside React so they survive a trip to the
// follow-up screen and back, and a reload (sessionStorage); "完成并下一位" on the follow-up
// screen claims with the same filters the nurse set here.

export type QueueScope = 'mine' | 'team' | 'all';
export type DueFilter = 'open' | 'overdue' | 'today' | 'upcoming' | 'any';

export interface QueueView {
  scope: QueueScope;
  planId?: number;
  deptId?: number;
  colour?: WarningColour;
  kind?: TaskKind;
  due: DueFilter;
  callback?: 'only' | 'exclude';
  callbackFrom?: string;
  callbackTo?: string;
  /** Name, pinyin initials, phone, ID number or encounter number (matched in main). */
  search?: string;
  page: number;
  pageSize: number;
}

const KEY = 'followup.queue.view';
export const DEFAULT_VIEW: QueueView = { scope: 'team', due: 'open', page: 1, pageSize: 20 };

function load(): QueueView {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? { ...DEFAULT_VIEW, ...(JSON.parse(raw) as Partial<QueueView>) } : DEFAULT_VIEW;
  } catch {
    return DEFAULT_VIEW;
  }
}

let view = load();
const listeners = new Set<() => void>();

export function setQueueView(patch: Partial<QueueView>): void {
  // Any filter change goes back to page 1; only an explicit page change keeps the page.
  show({ ...view, page: 1, ...patch });
}

/** Every filter back to its default; the tab and the page size stay. */
export function resetQueueFilters(): void {
  show({ ...DEFAULT_VIEW, scope: view.scope, pageSize: view.pageSize });
}

function show(next: QueueView): void {
  view = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(view));
  } catch {
    // storage refused (private window): the view still applies to this session
  }
  for (const fn of listeners) fn();
}

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

export function useQueueView(): QueueView {
  return useSyncExternalStore(subscribe, () => view);
}

export function queueInputOf(v: QueueView): QueueInput {
  const callbackRange = v.callback === 'only' ? { callbackFrom: v.callbackFrom, callbackTo: v.callbackTo } : {};
  return {
    scope: v.scope,
    planId: v.planId,
    deptId: v.deptId,
    colour: v.colour,
    kind: v.kind,
    due: v.due,
    callback: v.callback,
    ...callbackRange,
    search: v.search?.trim() || undefined,
    page: v.page,
    pageSize: v.pageSize,
  };
}

/** What "take next" claims with: the plan/department/colour/kind the nurse is working on. */
export function claimFilters(): { planId?: number; deptId?: number; colour?: WarningColour; kind?: TaskKind } {
  return { planId: view.planId, deptId: view.deptId, colour: view.colour, kind: view.kind };
}
