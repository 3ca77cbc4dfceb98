import type Database from 'better-sqlite3';
import { deferIndexes as deferStoreIndexes } from '../store/deferred-indexes';

// The tables a HIS sync fills. On a first load into an empty SQLite store their secondary
// indexes are dropped and built once at the end: one sorted build is several times cheaper
// than maintaining seven b-trees row by row over a million encounters. Unique indexes stay:
// the upserts need them.
const BULK_TABLES = ['patients', 'phones', 'encounters', 'diagnoses', 'checkup_findings'];

/** Sets aside the secondary indexes of the tables a HIS sync fills (see ../store/deferred-indexes). */
export const deferIndexes = (db: Database.Database): number => deferStoreIndexes(db, BULK_TABLES);

/** The tables whose bulk load ends with an entity: their indexes can be built right after it. */
export const BULK_FILLED_BY: Partial<Record<string, string[]>> = { patients: ['patients', 'phones'] };
