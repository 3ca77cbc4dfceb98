import type { HisConnectionConfig } from '../../config';
import { openKnexSource } from './knex-source';
import { openMssqlSource } from './mssql-source';
import { openSqliteSource } from './sqlite-source';
import type { HisSource } from './types';

export async function openHisSource(c: HisConnectionConfig): Promise<HisSource> {
  switch (c.client) {
    case 'sqlite':
      return openSqliteSource(c.filename);
    case 'pg':
      return openKnexSource('pg', c.connection);
    case 'mysql':
      return openKnexSource('mysql', c.connection);
    case 'mssql':
      return openMssqlSource(c);
  }
}
export type { HisSource, HisRow } from './types';
