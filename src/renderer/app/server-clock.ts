import { beijingDate, beijingTimestamp } from '../../shared/beijing-time';

// The server's clock decides "today" (the queue, due dates, the demo HIS), and a nurse's PC may
// be minutes or days off. The renderer keeps the difference it measured on sign-in and reads the
// time through it, in Beijing wall-clock terms whatever the PC's time zone.

let offsetMs = 0;

/** Adopts the server's time, measured halfway between sending the request and getting the answer. */
export function adoptServerTime(serverMs: number, sentAtMs: number, receivedAtMs: number): void {
  offsetMs = serverMs - (sentAtMs + receivedAtMs) / 2;
}

export const serverNow = (): number => Date.now() + offsetMs;

/** Beijing 'YYYY-MM-DD' of the server's today. */
export const beijingToday = (): string => beijingDate(serverNow());

/** A local instant (Date.now() terms) as the server's Beijing 'YYYY-MM-DD HH:mm:ss'. */
export const serverStamp = (localMs: number): string => beijingTimestamp(localMs + offsetMs);
