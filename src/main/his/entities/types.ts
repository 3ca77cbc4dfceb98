import { hash } from 'node:crypto';
import type { EntityName, EntitySpec, ValueMapper } from '../profile';
import type { HisRow } from '../sources/types';
import type { Q } from '../sync-db';

export interface Rejection {
  entity: string;
  key: string;
  reason: string;
  detail?: string;
  raw: HisRow;
}

export interface BatchResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejections: Rejection[];
}

/** Departments of a source by code and by name (aliases included). */
export interface DeptLookup {
  byCode: Map<string, number>;
  byName: Map<string, number>;
}

/** A stored encounter that child rows hang on. */
export type ParentRow = { source_id: string; id: number; first_seen_at: string };

export interface EntityContext {
  sourceSystem: string;
  /** Beijing wall clock of this run, for first_seen_at / last_synced_at. */
  now: string;
  spec: EntitySpec;
  mapper: ValueMapper;
  /** Diagnosis codes already put in the dictionary during this run. */
  seenDiagnosisCodes: Set<string>;
  /** Departments by code and name, read once per entity (departments sync first). */
  departments?: DeptLookup;
  /**
   * The store held nothing from this source when the run began, so every stored row of it was
   * written by this run: keys this entity has not inserted yet cannot exist.
   */
  firstLoad: boolean;
  /** Keys this entity inserted in this run (a first load checks the store only for these). */
  inserted: Set<string>;
  /** First load: every patient id of the source, read once per run (merges drop it). */
  run: { allPatients?: Map<string, number> };
  /** First load: every parent encounter of a child entity, read once. */
  allParents?: Map<string, ParentRow>;
  /**
   * An incremental read of a business-date window: the window's first day, so that the stored
   * encounters of those days are read in one range (see storedEncounters) instead of by key.
   */
  windowFrom?: string;
  /** Those stored encounters by kind, then by source id; a key written in this run is dropped. */
  windowRows?: Map<string, Map<string, StoredEncounter>>;
}

/** A new entity's context: what a run knows, and empty per-entity sets. */
export function entityContext(known: Pick<EntityContext, 'sourceSystem' | 'now' | 'spec' | 'mapper' | 'firstLoad' | 'run' | 'windowFrom'>): EntityContext {
  return { ...known, seenDiagnosisCodes: new Set(), inserted: new Set() };
}

/** A stored encounter, with what an upsert compares. */
export type StoredEncounter = ParentRow & { row_hash: string };

export interface EntityHandler {
  /** The parent key column for child entities: a batch never splits one parent's rows. */
  groupBy?: string;
  processBatch(q: Q, rows: HisRow[], ctx: EntityContext): Promise<BatchResult>;
}

/** The keys worth looking up in the store: on a first load only those this entity already wrote. */
export function storedCandidates(ctx: EntityContext, keys: string[]): string[] {
  return ctx.firstLoad ? keys.filter((k) => ctx.inserted.has(k)) : keys;
}

/** Remembers inserted keys while they are the only ones a first load can find stored. */
export function noteInserted(ctx: EntityContext, keys: string[]): void {
  if (ctx.firstLoad) for (const k of keys) ctx.inserted.add(k);
}

export const emptyResult = (): BatchResult => ({ inserted: 0, updated: 0, unchanged: 0, rejections: [] });

/** A trimmed string, or null for null/undefined/blank. */
export function str(row: HisRow, col: string): string | null {
  const v = row[col];
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

export function rowHash(values: unknown[]): string {
  // One-shot crypto.hash avoids a Hash object per row: it adds up over a million rows.
  return hash('md5', values.map((v) => (v === null || v === undefined ? '\u0000' : String(v))).join('\u0001'), 'hex');
}

/** A row key for the rejected list, even when the key column is empty. */
export function keyOf(row: HisRow, keyCol: string, ...fallbacks: string[]): string {
  const k = str(row, keyCol);
  if (k) return k;
  for (const f of fallbacks) {
    const v = str(row, f);
    if (v) return `(${f}=${v})`;
  }
  return `(row ${rowHash(Object.values(row)).slice(0, 12)})`;
}

/** Maps a coded value through the profile, turning an unmapped value into a rejection reason. */
export function mapped(ctx: EntityContext, entity: EntityName, col: string, raw: unknown): { value: string | null } | { unmapped: string } {
  const v = ctx.mapper.map(entity, col, raw);
  return v === undefined ? { unmapped: String(raw) } : { value: v };
}

/** A raw value for a rejection's detail: '(empty)' rather than the words null or undefined. */
export function shown(v: unknown): string {
  return v === null || v === undefined || String(v).trim() === '' ? '(empty)' : String(v);
}

/** A date column that gave no date: 'missing … date' when it was empty, 'bad … date' (and the value) when it was not. */
export function dateRejection(what: 'admission' | 'discharge' | 'visit' | 'checkup', raw: unknown): [reason: string, detail?: string] {
  return shown(raw) === '(empty)' ? [`missing ${what} date`] : [`bad ${what} date`, String(raw)];
}
