import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { chineseRuns, latinSentences, withoutData } from '../helpers/language-leaks';

// Every string of the screens, each language on its own: no English sentence among the Chinese
// strings, no Chinese among the English ones. The screens as rendered are walked by
// test/e2e/language-sweep.spec.ts; this covers the strings no walk reaches (rare errors, dialogs).

// Diagnosis keywords are searched in the Chinese dictionary, so a hint names them as typed.
const KEYWORDS = ['肺癌', '高血压'];

type Leaf = [key: string, text: string];
const leaves = (o: unknown, at: string, out: Leaf[] = []): Leaf[] => {
  if (typeof o === 'string') out.push([at, o]);
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) leaves(v, at ? `${at}.${k}` : k, out);
  return out;
};

describe('the screens’ strings', () => {
  afterAll(() => vi.unstubAllGlobals());

  it('keep each language to itself', async () => {
    // The i18n module reads the saved language and marks the page's language on load.
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {} });
    vi.stubGlobal('document', { documentElement: {} });
    const i18n = (await import('../../src/renderer/i18n')).default;
    const features = path.resolve(__dirname, '../../src/renderer/features');
    for (const dir of fs.readdirSync(features))
      for (const f of fs.readdirSync(path.join(features, dir)).filter((n) => /i18n.*\.ts$/.test(n))) await import(path.join(features, dir, f));
    const zh = leaves(i18n.getResourceBundle('zh-CN', 'translation'), '');
    const en = leaves(i18n.getResourceBundle('en', 'translation'), '');
    expect(zh.length).toBeGreaterThan(500);
    expect(zh.filter(([, s]) => latinSentences(s.replace(/\{\{\w+\}\}/g, ' ')).length)).toEqual([]);
    expect(en.filter(([, s]) => chineseRuns(withoutData(s, KEYWORDS)).length)).toEqual([]);
    // A key missing in English falls back to the Chinese (i18next's fallbackLng).
    const english = new Set(en.map(([k]) => k));
    expect(zh.map(([k]) => k).filter((k) => !english.has(k))).toEqual([]);
  });
});
