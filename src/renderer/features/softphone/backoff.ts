// Re-registration after the PBX or the network drops: quick first tries (a PBX restart takes a
// few seconds), then doubling up to 30 s, with ±20 % jitter so a ward of workstations does not
// reconnect in lockstep.

export const BACKOFF_STEPS_MS = [500, 1000, 2000, 4000, 8000, 16000, 30000] as const;

/** Delay before reconnect attempt `attempt` (1-based). `random` in [0, 1). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_STEPS_MS[Math.min(Math.max(attempt, 1), BACKOFF_STEPS_MS.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}
