import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { CallContext } from '../main/api/dispatcher';

/** The CLI calls the dispatcher as a built-in admin (no users row), from this host. */
export const cliContext = (): CallContext => ({
  user: { id: 0, username: 'cli', displayName: 'CLI', role: 'admin' },
  token: null,
  transport: 'cli',
  address: os.hostname(),
});

/** Bad input found inside an action (a value commander cannot check): main() says why and exits 2. */
export class UsageError extends Error {}

export const dataDirOf = (opts: { data?: string }): string => path.resolve(opts.data ?? process.env.FOLLOWUP_DATA ?? 'data');

export const withDataOption = (cmd: Command): Command =>
  cmd.option('--data <dir>', 'data directory (config.json, SQLite store, demo HIS); default $FOLLOWUP_DATA or ./data');

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`--${name} must be a positive whole number, got "${value}"`);
    return n;
  };
}

export function isoDate(name: string) {
  return (value: string): string => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
      throw new InvalidArgumentError(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
    return value;
  };
}
