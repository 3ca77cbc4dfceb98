import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';

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
