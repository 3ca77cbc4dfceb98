import type { Page } from '@playwright/test';

// Where a call's set-up time goes, step by step, from the SIP messages each page saw. Both
// pages tap their WebSocket (the workstation in sip-adapter.ts, the bare page in peer.js); the
// steps are timed from the first INVITE out, so the workstation's and bare sip.js' ladders
// line up. `established` comes from the call's own timing.

export const STEPS = ['407 in', 'INVITE out (auth)', '100 in', '180 in', '200 in', 'ACK out', 'established'] as const;
export type Step = (typeof STEPS)[number];
export type Ladder = Partial<Record<Step, number>>;

interface Line {
  at: number;
  dir: 'in' | 'out';
  line: string;
}

function stepOf(l: Line, seen: Set<Step>): Step | null {
  if (l.dir === 'in') {
    const code = /^SIP\/2\.0 (\d{3})/.exec(l.line)?.[1];
    const step = code && (`${code} in` as Step);
    return step && STEPS.includes(step) && !seen.has(step) ? step : null;
  }
  if (l.line.startsWith('INVITE ') && seen.has('407 in') && !seen.has('INVITE out (auth)')) return 'INVITE out (auth)';
  if (l.line.startsWith('ACK ') && seen.has('200 in') && !seen.has('ACK out')) return 'ACK out';
  return null;
}

/** One call's steps, in ms after its first INVITE left; `lines` are that call's messages. */
export function ladderOf(lines: Line[], establishedMs: number): Ladder {
  const first = lines.find((l) => l.dir === 'out' && l.line.startsWith('INVITE '));
  if (!first) return {};
  const seen = new Set<Step>();
  const out: Ladder = {};
  for (const l of lines.slice(lines.indexOf(first) + 1)) {
    const step = stepOf(l, seen);
    if (!step) continue;
    seen.add(step);
    out[step] = l.at - first.at;
  }
  out.established = establishedMs;
  return out;
}

/** The workstation's messages since `since` (performance.now() in its page). */
export async function workstationLines(page: Page, since: number): Promise<Line[]> {
  return page.evaluate((t) => ((globalThis as any).__softphone.ladder() as Line[]).filter((l) => l.at >= t), since);
}

/** The bare page's messages (its ladder is drained on each read), as lines. */
export async function bareLines(page: Page, name: string): Promise<Line[]> {
  const raw = (await page.evaluate((n) => (globalThis as any).peer.ladder(n), name)) as string[];
  return raw.map((r) => {
    const [at, dir, ...rest] = r.split(' ');
    return { at: Number(at), dir: dir as Line['dir'], line: rest.join(' ') };
  });
}
