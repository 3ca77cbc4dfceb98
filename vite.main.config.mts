import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// Every runtime dependency in package.json stays a plain require() and ships in node_modules
// (forge.config.ts copies the same set): better-sqlite3 is native, and knex picks its drivers
// (pg, mssql's tedious, mysql2, …) with dynamic requires that a bundler cannot follow.
// Forge's plugin merges this with its own config (CJS lib build, electron and Node built-ins external).
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { dependencies?: Record<string, string> };
const runtime = Object.keys(pkg.dependencies ?? {});
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineConfig({
  build: {
    rollupOptions: {
      external: runtime.map((name) => new RegExp(`^${escape(name)}(/.*)?$`)),
    },
  },
});
