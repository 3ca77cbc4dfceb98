import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

// Forge 7.11 loads this TypeScript file through jiti (a dependency of @electron-forge/core).

const EXECUTABLE = 'followup-workstation';
// Installers need an author; package.json has none yet.
const AUTHOR = '随访工作站项目组';
const MAINTAINER = `${AUTHOR} <followup@example.invalid>`;

// The Vite plugin would ship only .vite/. The runtime dependencies are kept external by
// vite.main.config.mts, so node_modules ships too; packager's prune then drops devDependencies.
const SHIPPED = /^\/(\.vite|node_modules)(\/|$)|^\/package\.json$/;
// A function `ignore` replaces packager's defaults, so they are repeated here. better-sqlite3
// keeps its C sources: the Electron rebuild below compiles them inside the copied app.
const NEVER = [/^\/node_modules\/\.bin(\/|$)/, /\.o(bj)?$/, /\/node_gyp_bins(\/|$)/];

const config: ForgeConfig = {
  packagerConfig: {
    executableName: EXECUTABLE,
    asar: { unpack: '**/*.node' },
    // Read at run time from resources/templates (see templatesDir() in src/main/config.ts);
    // migrations are bundled by src/main/store/migration-source.ts.
    extraResource: ['templates'],
    ignore: (file) => !!file && (!SHIPPED.test(file) || NEVER.some((re) => re.test(file))),
    win32metadata: { CompanyName: '随访工作站', FileDescription: '随访工作站', ProductName: '随访工作站' },
  },
  // better-sqlite3 12 is a V8 (not N-API) addon: the copy in node_modules is built for Node 20
  // (ABI 115) and must be rebuilt for Electron 45's ABI, which needs the Electron headers from
  // electronjs.org — a build machine with that access (not these machines, toolchain.md F6).
  // better-sqlite3 13's N-API prebuilds would load without a rebuild (then onlyModules: []),
  // but 13 crashes on the Node 20 used by the CLI and tests.
  rebuildConfig: { onlyModules: ['better-sqlite3'] },
  makers: [
    // Squirrel derives a NuGet id from `name`: ASCII, no hyphens. setupExe keeps the Chinese product name.
    new MakerSquirrel({ name: 'followup_workstation', authors: AUTHOR, exe: `${EXECUTABLE}.exe` }),
    new MakerZIP({}),
    new MakerDeb({ options: { name: EXECUTABLE, bin: EXECUTABLE, productName: '随访工作站', maintainer: MAINTAINER, categories: ['Office'] } }),
    new MakerRpm({ options: { name: EXECUTABLE, bin: EXECUTABLE, productName: '随访工作站', categories: ['Office'] } }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'src/main/electron/main.ts', config: 'vite.main.config.mts', target: 'main' },
        { entry: 'src/preload/preload.ts', config: 'vite.preload.config.mts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
    }),
    // Fuses are flipped in the packaged binary: nothing can turn it back into a plain Node.js
    // (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) to read the store or the sealed SIP
    // secrets, and it runs only the signed-off app.asar. GrantFileProtocolExtraPrivileges stays
    // on (Electron's default): the renderer is loaded from file: (electron/window.ts).
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;
