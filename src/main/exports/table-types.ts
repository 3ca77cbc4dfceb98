import type { MetricDefinition, ReportColumn, ReportTable } from '../../shared/contract/reports';

export type ReportRow = ReportTable['rows'][number];

/** A table read a batch at a time, so that a large export never holds all its rows. */
export interface RowSource {
  columns: ReportColumn[];
  definitions: MetricDefinition[];
  /** Rows expected (a count taken before reading), when known; shown in the summary and progress. */
  total?: number | null;
  batches: AsyncIterable<ReportRow[]>;
}

export interface ExportMeta {
  title: string;
  /** Shown on the summary and definitions sheets; known keys get Chinese names (sheet-texts.ts). */
  filters: Record<string, unknown>;
  generatedBy: string;
  /** Beijing wall-clock 'YYYY-MM-DD HH:mm:ss'. */
  generatedAt: string;
  /** Defaults to the filters' from–to (or month). */
  period?: string;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Rows written so far, after each batch. */
  onRows?: (n: number) => void;
}

export async function* inBatches(rows: ReportRow[], size = 1000): AsyncIterable<ReportRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
