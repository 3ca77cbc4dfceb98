import type { HisConnectionConfig } from '../../config';
import { openKnexSource } from './knex-source';
import { openMssqlSource } from './mssql-source';
import { openOracleSource } from './oracle-source';
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
    case 'oracledb':
      return openOracleSource(c);
  }
}
export type { HisSource, HisRow } from './types';

const KIND = { pg: 'PostgreSQL', mysql: 'MySQL/MariaDB' } as const;

/** Which HIS database a connection names, for people: kind, host, port and database, never credentials. */
export function describeHis(c: HisConnectionConfig): string {
  if (c.client === 'sqlite') return `SQLite ${c.filename}`;
  if (c.client === 'mssql') return `SQL Server ${c.server}${c.port ? `:${c.port}` : ''}/${c.database}`;
  if (c.client === 'oracledb') return `Oracle ${c.connectString}`;
  const kind = KIND[c.client];
  if (typeof c.connection === 'string') {
    try {
      const u = new URL(c.connection);
      return `${kind} ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname.length > 1 ? u.pathname : ''}`;
    } catch {
      return kind;
    }
  }
  const o = c.connection as { host?: unknown; port?: unknown; database?: unknown; socketPath?: unknown };
  const host = String(o.host ?? o.socketPath ?? 'localhost');
  return `${kind} ${host}${o.port ? `:${String(o.port)}` : ''}${o.database ? `/${String(o.database)}` : ''}`;
}

/**
 * The sync screen's words for a HIS that could not be opened, naming the database (both
 * languages, "中文 (English)"; the screen shows its own half) and the driver's reason.
 */
export function hisUnreachable(c: HisConnectionConfig, err: unknown): string {
  const where = describeHis(c);
  const e = err as Error & { cause?: unknown };
  const reason = e?.cause instanceof Error ? e.cause.message : (e?.message ?? String(err));
  return `无法连接 HIS 数据库 ${where}，本次未同步 (cannot reach the HIS database ${where}, nothing was synced: ${reason.replace(/\s+/g, ' ').trim()})`;
}
