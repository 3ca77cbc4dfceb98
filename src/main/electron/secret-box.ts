import type { SafeStorage } from 'electron';
import { SecretBoxMismatch, unprefix, type SecretBox } from '../calls/secret-box';

/**
 * The desktop's secret box: Electron safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux). Where the OS offers no keychain, or for secrets sealed by the
 * browser shell on the same data directory, the file-key box is used.
 */
export function safeStorageBox(safe: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, fallback: SecretBox): SecretBox {
  return {
    kind: 'os',
    seal(plain) {
      if (!safe.isEncryptionAvailable()) return fallback.seal(plain);
      return `os:${safe.encryptString(plain).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('os:')) return fallback.open(sealed);
      try {
        return safe.decryptString(Buffer.from(unprefix(sealed, 'os'), 'base64'));
      } catch {
        throw new SecretBoxMismatch('sealed by another OS user or machine');
      }
    },
  };
}
