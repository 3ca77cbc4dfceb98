import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Seals small secrets (the SIP password) for the store. The sealed text names the box that
 * made it ("gcm:…", "os:…"), so a store opened by the other shell says so instead of failing
 * with garbage. Services know nothing of Electron: the desktop shell installs its OS-keychain
 * box with setSecretBoxFactory before the backend starts.
 */
export interface SecretBox {
  readonly kind: string;
  seal(plain: string): string;
  open(sealed: string): string;
}

export class SecretBoxMismatch extends Error {}

export const KEY_FILE = 'secrets.key';

/** AES-256-GCM under a random key kept in <dataDir>/secrets.key, readable by the OS user only. */
export function fileKeyBox(dataDir: string): SecretBox {
  let key: Buffer | null = null;
  return gcmBox('gcm', () => {
    if (key) return key;
    const file = path.join(dataDir, KEY_FILE);
    try {
      // 'wx': two processes starting at once must not each write their own key.
      fs.writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const k = fs.readFileSync(file);
    if (k.length !== 32) throw new Error(`${file} is not a 32-byte key`);
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return (key = k);
  });
}

/**
 * AES-256-GCM under the key a call centre's workstations share (config `team.keyFile`, or
 * FOLLOWUP_TEAM_KEY as base64): a nurse's SIP account saved at one workstation opens at every
 * other on the shared store. The key never enters the store, so a copy of the database alone
 * does not give the passwords away.
 */
export function teamKeyBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the team key must be 32 bytes (followup team-key --out <file> makes one)');
  return gcmBox('team', () => key);
}

function gcmBox(kind: string, loadKey: () => Buffer): SecretBox {
  return {
    kind,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${kind}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const raw = Buffer.from(unprefix(sealed, kind), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', loadKey(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        // Another workstation's key (a shared PostgreSQL store) or a replaced key file.
        throw new SecretBoxMismatch('sealed with a different key');
      }
    },
  };
}

export function unprefix(sealed: string, kind: string): string {
  const i = sealed.indexOf(':');
  if (i < 0 || sealed.slice(0, i) !== kind) throw new SecretBoxMismatch(`sealed by "${sealed.slice(0, Math.max(i, 0))}", not "${kind}"`);
  return sealed.slice(i + 1);
}

let factory: (dataDir: string) => SecretBox = fileKeyBox;

/** The Electron shell calls this once with its safeStorage box; serve and the CLI keep the file key. */
export function setSecretBoxFactory(next: (dataDir: string) => SecretBox): void {
  factory = next;
}

/** The team's box when the call centre shares a key; else this workstation's own. */
export const secretBoxFor = (dataDir: string, teamKey?: Buffer | null): SecretBox => (teamKey ? teamKeyBox(teamKey) : factory(dataDir));
