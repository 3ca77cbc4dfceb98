import { describe, expect, it } from 'vitest';
import { JobRunner, throwIfAborted, type JobOutcome } from '../../src/main/jobs/job-runner';
import { pseudonym, shiftBack, shiftDaysOf } from '../../src/main/exports/deidentify';
import { safeFileName } from '../../src/main/exports/files';
import { contentDisposition } from '../../src/main/http/exports';
import { csvText } from '../../src/main/exports/cell-values';
import { csvField } from '../../src/shared/csv';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('JobRunner', () => {
  it('runs a job to a result, recording the outcome before done resolves', async () => {
    const jobs = new JobRunner();
    const settled: JobOutcome<number>[] = [];
    const { done } = jobs.start({
      key: 'a',
      run: async () => 42,
      settle: async (o) => {
        settled.push(o);
      },
    });
    expect(jobs.isRunning('a')).toBe(true);
    expect(() => jobs.start({ key: 'a', run: async () => 1, settle: async () => {} })).toThrow(/already running/);
    expect(await done).toEqual({ status: 'done', result: 42 });
    expect(settled).toEqual([{ status: 'done', result: 42 }]);
    expect(jobs.isRunning('a')).toBe(false);
  });

  it('refuses a cancel that comes after the work is done, while its outcome is being recorded', async () => {
    const jobs = new JobRunner();
    let record!: () => void;
    const recording = new Promise<void>((r) => (record = r));
    let settling!: () => void;
    const reached = new Promise<void>((r) => (settling = r));
    const { done } = jobs.start({
      key: 'b',
      run: async () => 7,
      settle: async () => {
        settling();
        await recording;
      },
    });
    await reached;
    expect(jobs.cancel('b')).toBe(false);
    record();
    expect(await done).toEqual({ status: 'done', result: 7 });
  });

  it('cancels between batches, tells failures from cancels, and forwards progress', async () => {
    const jobs = new JobRunner();
    const progress: number[] = [];
    const { done } = jobs.start({
      key: 'b',
      run: async ({ signal, progress: report }) => {
        for (let i = 1; ; i++) {
          throwIfAborted(signal);
          report(i, null);
          await tick();
        }
      },
      onProgress: (n) => progress.push(n),
      settle: async () => {},
    });
    await tick();
    expect(jobs.cancel('b')).toBe(true);
    expect(await done).toEqual({ status: 'cancelled' });
    expect(progress[0]).toBe(1);
    expect(jobs.cancel('b')).toBe(false);
    const failed = await jobs.start({
      key: 'c',
      run: async () => {
        throw new Error('boom');
      },
      settle: async () => {
        throw new Error('history down');
      },
    }).done;
    expect(failed).toMatchObject({ status: 'failed', error: { message: 'boom' } });
  });

  it('cancels everything on shutdown', async () => {
    const jobs = new JobRunner();
    const run = async ({ signal }: { signal: AbortSignal }) => {
      for (;;) {
        throwIfAborted(signal);
        await tick();
      }
    };
    const a = jobs.start({ key: 'x', run, settle: async () => {} });
    const b = jobs.start({ key: 'y', run, settle: async () => {} });
    await jobs.cancelAll();
    expect([await a.done, await b.done]).toEqual([{ status: 'cancelled' }, { status: 'cancelled' }]);
  });
});

describe('de-identification helpers', () => {
  const key = Buffer.alloc(32, 7);
  it('gives a stable keyed pseudonym and a 0–364 day shift per patient', () => {
    expect(pseudonym(key, 12)).toBe(pseudonym(key, 12));
    expect(pseudonym(key, 12)).not.toBe(pseudonym(key, 13));
    expect(pseudonym(Buffer.alloc(32, 8), 12)).not.toBe(pseudonym(key, 12));
    const shifts = Array.from({ length: 500 }, (_, i) => shiftDaysOf(key, i));
    expect(Math.min(...shifts)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...shifts)).toBeLessThanOrEqual(364);
    expect(new Set(shifts).size).toBeGreaterThan(200);
  });
  it('shifts dates and timestamps back across month and year ends', () => {
    expect(shiftBack('2026-03-01', 1)).toBe('2026-02-28');
    expect(shiftBack('2026-01-05 08:30:00', 10)).toBe('2025-12-26 08:30:00');
    expect(shiftBack('2026-01-05T08:30:00+08:00', 5)).toBe('2025-12-31T08:30:00+08:00');
    expect(shiftBack('not a date', 5)).toBe('not a date');
  });
});

describe('file names and CSV text', () => {
  it('sends a Chinese name as RFC 5987 filename* with an ASCII fallback', () => {
    expect(contentDisposition('随访统计_2026-11.xlsx')).toBe(
      `attachment; filename="_____2026-11.xlsx"; filename*=UTF-8''%E9%9A%8F%E8%AE%BF%E7%BB%9F%E8%AE%A1_2026-11.xlsx`,
    );
    expect(contentDisposition('a"b\'(1).csv')).toBe(`attachment; filename="a_b'(1).csv"; filename*=UTF-8''a%22b%27%281%29.csv`);
    expect(safeFileName('心内科/出院:名单?')).toBe('心内科_出院_名单_');
  });
  it('quotes per RFC 4180 and defuses formulas in text columns only', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    const text = { key: 'x', title: { zh: 'x', en: 'x' }, type: 'text' as const };
    expect(csvText(text, '=1+1')).toBe("'=1+1");
    expect(csvText({ ...text, type: 'int' }, -3)).toBe('-3');
    expect(csvText({ ...text, type: 'percent' }, 0.9123)).toBe('91.2%');
  });
});
