// node-oracledb ships no types; this declares only what oracle-source.ts uses.
declare module 'oracledb' {
  export interface DbType {
    readonly name: string;
  }
  export interface ColumnMetaData {
    name: string;
    dbType: DbType;
    precision?: number;
    scale?: number;
  }
  export interface FetchTypeResult {
    type?: DbType;
    converter?: (value: never) => unknown;
  }
  export interface ResultSet {
    getRows(numRows: number): Promise<unknown[][]>;
    close(): Promise<void>;
  }
  export interface ExecuteOptions {
    resultSet: true;
    outFormat: number;
    fetchArraySize: number;
    prefetchRows: number;
    fetchTypeHandler: (metaData: ColumnMetaData) => FetchTypeResult | undefined;
  }
  export interface Connection {
    callTimeout: number;
    execute(sql: string, binds: Record<string, unknown>, options: ExecuteOptions): Promise<{ metaData: ColumnMetaData[]; resultSet: ResultSet }>;
    execute(sql: string): Promise<unknown>;
    close(): Promise<void>;
  }
  export interface Pool {
    getConnection(): Promise<Connection>;
    close(drainTime?: number): Promise<void>;
  }
  export interface PoolAttributes {
    user: string;
    password?: string;
    connectString: string;
    poolMin: number;
    poolMax: number;
    poolIncrement: number;
    sessionCallback: (connection: Connection, requestedTag: string, done: (err?: Error) => void) => void;
  }
  export const thin: boolean;
  export const OUT_FORMAT_ARRAY: number;
  export const STRING: DbType;
  export const DB_TYPE_NUMBER: DbType;
  export const DB_TYPE_VARCHAR: DbType;
  export const DB_TYPE_DATE: DbType;
  export const DB_TYPE_TIMESTAMP: DbType;
  export const DB_TYPE_TIMESTAMP_TZ: DbType;
  export const DB_TYPE_TIMESTAMP_LTZ: DbType;
  export const DB_TYPE_CLOB: DbType;
  export const DB_TYPE_NCLOB: DbType;
  const oracledb: typeof import('oracledb');
  export default oracledb;
  export function createPool(attrs: PoolAttributes): Promise<Pool>;
}
