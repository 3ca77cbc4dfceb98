import fs from 'node:fs';
import path from 'node:path';

// A hospital's profile is its own data, not part of the program: it lives in the data folder
// (or a folder the config names) and survives upgrades. The shipped ones under
// templates/his/ are examples to copy; one is used in place only when no copy of that name exists.

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Where profiles are kept: config `his.profilesDir` (relative to the data folder), else <dataDir>/his-profiles. */
export const profilesRoot = (dataDir: string, profilesDir?: string): string => path.resolve(dataDir, profilesDir ?? 'his-profiles');

export const shippedProfileDir = (templates: string, name: string): string => path.join(templates, 'his', name);

/** The profile's folder: the hospital's own copy, else the shipped example of that name. */
export function resolveProfileDir(root: string, templates: string, name: string): string {
  const own = path.join(root, name);
  if (fs.existsSync(path.join(own, 'profile.json'))) return own;
  const shipped = shippedProfileDir(templates, name);
  return fs.existsSync(path.join(shipped, 'profile.json')) ? shipped : own;
}

export class ProfileInitError extends Error {}

/** Copies a shipped example into the profiles folder under a new name; never overwrites. */
export function initProfile(root: string, templates: string, from: string, name: string): { dir: string; files: string[] } {
  if (!PROFILE_NAME.test(from)) throw new ProfileInitError(`--from: not a profile name: "${from}"`);
  if (!PROFILE_NAME.test(name)) throw new ProfileInitError(`--name must be letters, digits, "-" or "_" (at most 64), got "${name}"`);
  const src = shippedProfileDir(templates, from);
  if (!fs.existsSync(path.join(src, 'profile.json'))) {
    const known = fs.existsSync(path.join(templates, 'his')) ? fs.readdirSync(path.join(templates, 'his')).join(', ') : '';
    throw new ProfileInitError(`没有名为 ${from} 的示例配置 (no shipped HIS profile "${from}"; shipped: ${known || 'none'})`);
  }
  const dir = path.join(root, name);
  if (fs.existsSync(dir)) throw new ProfileInitError(`${dir} 已存在，未覆盖 (${dir} already exists; nothing was overwritten)`);
  fs.mkdirSync(root, { recursive: true });
  // Copied to a temporary folder first, so a half-written profile never sits under its name.
  const tmp = fs.mkdtempSync(path.join(root, `.${name}-`));
  const files = fs.readdirSync(src).filter((f) => fs.statSync(path.join(src, f)).isFile());
  for (const f of files) fs.copyFileSync(path.join(src, f), path.join(tmp, f));
  fs.renameSync(tmp, dir);
  return { dir, files };
}
