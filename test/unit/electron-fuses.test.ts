import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import config from '../../forge.config';

// The packaged binary cannot be turned back into a plain Node.js (to read the store or the
// sealed secrets) and runs only its own, integrity-checked app.asar.

describe('Electron fuses (forge.config.ts)', () => {
  it('flips the hardening fuses when packaging', () => {
    const fuses = config.plugins?.find((p): p is FusesPlugin => p instanceof FusesPlugin);
    expect(fuses, 'FusesPlugin in forge.config.ts plugins').toBeDefined();
    expect(fuses!.fusesConfig).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
    expect(config.packagerConfig?.asar).toBeTruthy(); // OnlyLoadAppFromAsar needs an asar
  });
});
