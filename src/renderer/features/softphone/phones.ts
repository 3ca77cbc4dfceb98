// Which number to try first: never a number known to be wrong, then the one that answered
// most often (success history), the patient's own before a contact's, then the order given.

export interface RankablePhone {
  number: string;
  role: 'self' | 'contact';
  successCount: number;
  failCount: number;
  wrongNumber?: boolean;
  /** The follow-up feature's own pick for this task, when it has one. */
  suggested?: boolean;
}

export function rankPhones<T extends RankablePhone>(phones: readonly T[]): T[] {
  const score = (p: T) => p.successCount - 0.5 * p.failCount;
  return phones
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        Number(!!a.p.wrongNumber) - Number(!!b.p.wrongNumber) ||
        Number(!!b.p.suggested) - Number(!!a.p.suggested) ||
        score(b.p) - score(a.p) ||
        Number(a.p.role !== 'self') - Number(b.p.role !== 'self') ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

/** Masked numbers (heads see 138****8000) cannot be dialled; a single * or # (service codes) can. */
export const isDialable = (n: string) => /^[0-9*#+\-() ]+$/.test(n) && !/\*{2,}/.test(n) && /\d{3,}/.test(n.replace(/\D/g, ''));
