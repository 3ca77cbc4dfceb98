import type { OutcomeForm } from './outcome';

// The closing form (disposition and its extras) is kept next to the answers' draft: the answers
// are saved to main as she types, the form in this window's sessionStorage, so a reload restores
// both. Only for the same claim (a task claimed again starts clean); cleared on complete/release.

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const keyOf = (taskId: number) => `followup.outcome.${taskId}`;
const storage = (): Store | undefined => globalThis.sessionStorage;

export function loadOutcome(taskId: number, claimedAt: string | null, store: Store | undefined = storage()): OutcomeForm | null {
  try {
    const raw = store?.getItem(keyOf(taskId));
    if (!raw) return null;
    const saved = JSON.parse(raw) as { claimedAt: string | null; form: OutcomeForm };
    return saved.claimedAt === claimedAt ? saved.form : null;
  } catch {
    return null;
  }
}

export function saveOutcome(taskId: number, claimedAt: string | null, form: OutcomeForm, store: Store | undefined = storage()): void {
  try {
    store?.setItem(keyOf(taskId), JSON.stringify({ claimedAt, form }));
  } catch {
    // storage refused: the form still works, it just does not survive a reload
  }
}

export function clearOutcome(taskId: number, store: Store | undefined = storage()): void {
  try {
    store?.removeItem(keyOf(taskId));
  } catch {
    // nothing kept
  }
}
