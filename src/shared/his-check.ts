// The report of `followup his check` and the sync screen's 检查配置: what each entity's SQL
// returns against the canonical columns (src/main/his/columns.ts), read over a small window.
// Messages are "中文 (English)", as the sync's own errors are.

/** The parameters a profile's SQL gets (src/main/his/windows.ts), as Beijing wall-clock text. */
export interface SyncWindow {
  since: string;
  until: string;
  since_date: string;
  until_date: string;
  /** Parents changed or discharged since then have their children re-read (a profile's rereadChildrenDays). */
  reread_since: string;
  reread_since_date: string;
}

export interface HisCheckParams extends SyncWindow {
  /** The formats above, for an admin comparing them with the HIS's own column formats. */
  formats: Record<string, string>;
}

export interface HisCheckEntity {
  entity: string;
  sqlFile: string;
  /** The driver's message when the SQL failed (a missing view, a syntax error). */
  error: string | null;
  rowsRead: number;
  /** The window held more rows than the check reads. */
  truncated: boolean;
  returned: string[];
  missingRequired: { column: string; nearest: string | null }[];
  missingOptional: string[];
  unknown: { column: string; nearest: string | null }[];
  badTypes: { column: string; type: string; bad: number; example: string | null }[];
  /** Raw codes no value map turns into a canonical value (mappedTo: what the map gives, if not canonical). */
  unmappedCodes: { column: string; value: string; count: number; mappedTo: string | null }[];
  /** Normalised, masked. */
  samples: Record<string, string | number | null>[];
  /** What a sync of the rows read would reject, by reason. */
  rejections: { reason: string; count: number }[];
  /** Rows a sync keeps but lists for a fix in the HIS (an invalid ID number, a bad phone), by reason. */
  flagged: { reason: string; count: number }[];
  /** Rows naming a patient/stay/checkup outside the window that the store already holds (a sync resolves them). */
  resolvedByStore: number;
  /** Rows that lie before :since in every time column, or time columns that cannot be parsed. */
  window: { rowsBefore: number; unparseable: boolean; columns: string[] } | null;
  problems: string[];
}

export interface HisCheckReport {
  profile: string;
  profileDir: string;
  source: string;
  checkedAt: string;
  days: number;
  limit: number;
  params: HisCheckParams;
  ok: boolean;
  entities: HisCheckEntity[];
}
