import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

// The preload runs sandboxed: it can require only `electron` (external through Forge's own
// config), so nothing may stay external here. A runtime dependency (knex, better-sqlite3, …)
// leaking in through a value import from src/main fails the build instead of the window.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { dependencies?: Record<string, string> };
const runtime = new Set(Object.keys(pkg.dependencies ?? {}));

const noBackendImports: Plugin = {
  name: 'followup:no-backend-in-preload',
  enforce: 'pre',
  resolveId(source, importer) {
    const name = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
    if (runtime.has(name)) this.error(`the sandboxed preload cannot use '${source}' (imported by ${importer ?? '?'}); import types only`);
    return null;
  },
};

export default defineConfig({ plugins: [noBackendImports] });
