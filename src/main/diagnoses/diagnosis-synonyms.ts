import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDiagnosisTerm, reversedRangeError, synonymKey } from '../../shared/diagnosis-terms';
import { ApiError } from '../api/errors';
import { templatesDir } from '../config';

/** Keyword (its synonymKey) → ICD-10 categories or ranges it stands for: 肺癌 → [C33-C34]. */
export type DiagnosisSynonyms = ReadonlyMap<string, readonly string[]>;

export const SYNONYMS_FILE = 'diagnosis-synonyms.json';

const category = z
  .string()
  .regex(/^[A-Za-z]\d{2}(\s*-\s*[A-Za-z]\d{2})?$/, '应为 ICD-10 类目或范围，如 C16、C33-C34 (expected an ICD-10 category or range such as C16 or C33-C34)')
  .refine((s) => !reversedRangeError(s), '范围起止颠倒 (reversed range)');
const fileSchema = z
  .object({
    $comment: z.string().optional(),
    synonyms: z.record(z.string().trim().min(1).max(32), z.array(category).max(50)),
  })
  .strict();

// Shown to the user as is (an issue of an ApiError; a plain error would reach the screen as a bare
// "server error"): only the admin can fix the file, and must be told which one.
const fileError = (zh: string, en: string) => {
  const message = `${zh} (${en})`;
  return new ApiError('invalid_input', message, [{ path: '', message }]);
};

/** Reads one dictionary file; an unreadable or invalid file is an error naming the file. */
function readFile(file: string): Record<string, string[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw fileError(`诊断同义词文件 ${file} 无法读取：${(err as Error).message}`, `cannot read diagnosis synonym file ${file}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw fileError(`诊断同义词文件 ${file} 格式有误：${issues}`, `invalid diagnosis synonym file ${file}`);
  }
  return parsed.data.synonyms;
}

const normalised = (entries: Record<string, string[]>): [string, string[]][] =>
  Object.entries(entries).map(([word, cats]) => [
    synonymKey(word),
    cats.map((c) => {
      const t = parseDiagnosisTerm(c);
      return t.kind === 'range' ? `${t.from}-${t.to}` : c.toUpperCase();
    }),
  ]);

// Cached by modification time: the admin's edit applies at the next search, without a restart,
// and a search does not re-read two files each time.
const cache = new Map<string, { mtimeMs: number; entries: [string, string[]][] }>();
function cachedFile(file: string): [string, string[]][] {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.entries;
  const entries = normalised(readFile(file));
  cache.set(file, { mtimeMs: stat.mtimeMs, entries });
  return entries;
}

/**
 * The shipped dictionary (templates/diagnosis-synonyms.json) with the data folder's file of the
 * same name over it: an admin's entry replaces the shipped one for that keyword ([] removes it).
 */
export function diagnosisSynonyms(dataDir?: string | null): DiagnosisSynonyms {
  const shipped = cachedFile(path.join(templatesDir(), SYNONYMS_FILE));
  const local = dataDir ? cachedFile(path.join(dataDir, SYNONYMS_FILE)) : [];
  return new Map([...shipped, ...local]);
}
