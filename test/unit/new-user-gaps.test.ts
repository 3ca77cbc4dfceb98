import { describe, expect, it } from 'vitest';
import type { AttemptInfo } from '../../src/shared/contract/followup';
import type { PlanSummary } from '../../src/shared/contract/plans';
import { placeholderOf } from '../../src/renderer/features/finder/filters';
import { emptyForm, needsDialConfirm, type OutcomeForm } from '../../src/renderer/features/followup/outcome';
import { clearOutcome, loadOutcome, saveOutcome } from '../../src/renderer/features/followup/outcome-draft';
import { noActivePlan } from '../../src/renderer/features/queue/no-plan';

// Gaps a new user met (issue 13): closing a phone follow-up without a dial, the closing form
// lost on reload, and the finder showing another kind's rows after switching kind.

const CLAIMED = '2026-03-02 09:00:00';
const attempt = (startedAt: string): AttemptInfo => ({
  id: 1,
  taskId: 7,
  phoneNumber: '13800000000',
  outcome: 'no_answer',
  startedAt,
  endedAt: null,
  nurse: null,
  callId: null,
  note: null,
});
const form = (p: Partial<OutcomeForm>): OutcomeForm => ({ ...emptyForm([]), ...p });

describe('closing a phone follow-up with no dial', () => {
  it('asks when nothing was dialled since the claim', () => {
    expect(needsDialConfirm('call', [], CLAIMED, form({ disposition: 'completed' }))).toBe(true);
    expect(needsDialConfirm('call', [attempt('2026-03-01 16:00:00')], CLAIMED, form({ disposition: 'refused' }))).toBe(true);
  });
  it('does not ask after a dial, for no contact (which logs its own), for SMS, or before a choice', () => {
    expect(needsDialConfirm('call', [attempt('2026-03-02 09:05:00')], CLAIMED, form({ disposition: 'completed' }))).toBe(false);
    expect(needsDialConfirm('call', [], CLAIMED, form({ disposition: 'no_contact' }))).toBe(false);
    expect(needsDialConfirm('sms', [], CLAIMED, form({ disposition: 'completed' }))).toBe(false);
    expect(needsDialConfirm('call', [], CLAIMED, form({}))).toBe(false);
  });
});

describe('the closing form survives a reload', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  };
  it('restores the disposition and its extras for the same claim only, and forgets it when closed', () => {
    const store = memory();
    const chosen = form({ disposition: 'callback', callbackAt: '2026-03-03 10:00', note: '家属下午在家' });
    saveOutcome(7, CLAIMED, chosen, store);
    expect(loadOutcome(7, CLAIMED, store)).toEqual(chosen);
    expect(loadOutcome(8, CLAIMED, store)).toBeNull();
    expect(loadOutcome(7, '2026-03-05 08:00:00', store)).toBeNull(); // claimed again: start clean
    clearOutcome(7, store);
    expect(loadOutcome(7, CLAIMED, store)).toBeNull();
  });
});

describe('finder: switching kind', () => {
  it('keeps the previous page only while it is of the same kind', () => {
    const rows = { total: 3, rows: [] };
    const key = (kind: string) => ['patients', 'find', { kind, page: 1 }, 1];
    expect(placeholderOf('inpatient', rows, key('inpatient'))).toBe(rows);
    expect(placeholderOf('outpatient', rows, key('inpatient'))).toBeUndefined();
    expect(placeholderOf('checkup', undefined, undefined)).toBeUndefined();
  });
});

describe('queue: empty because no plan is live', () => {
  it('hints only when the plan list has no active version', () => {
    const plan = (activeVersion: number | null) => ({ activeVersion }) as PlanSummary;
    expect(noActivePlan([])).toBe(true);
    expect(noActivePlan([plan(null)])).toBe(true);
    expect(noActivePlan([plan(null), plan(2)])).toBe(false);
    expect(noActivePlan(undefined)).toBe(false); // not loaded yet: no hint
  });
});
