export type HisRow = Record<string, unknown>;

/** A read-only HIS connection that streams a query's rows in batches, never all at once. */
export interface HisSource {
  describe: string;
  stream(sql: string, params: Record<string, unknown>, batchSize: number): AsyncIterable<HisRow[]>;
  close(): Promise<void>;
}
