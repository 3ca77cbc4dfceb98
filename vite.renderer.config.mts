import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repo = fileURLToPath(new URL('.', import.meta.url));

// The dev server's React Refresh preamble is an inline script, which the CSP forbids; the
// policy only matters in the built files, so it is dropped while serving.
const dropCspInDev: Plugin = {
  name: 'drop-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
};

// The renderer is loaded from file:// in Electron and from the HTTP server in browser mode,
// so every asset URL must be relative.
// Under Electron Forge the plugin decides where the renderer goes (.vite/renderer/main_window);
// the browser-mode build goes to dist/renderer.
export default defineConfig((env) => ({
  root: `${repo}src/renderer`,
  base: './',
  plugins: [react(), dropCspInDev],
  build: {
    outDir: 'forgeConfigSelf' in env ? undefined : `${repo}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    // antd alone is ~1 MB minified; split so app changes don't invalidate the vendor chunks.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  // `followup serve` elsewhere + `vite --config vite.renderer.config.mts` gives hot reload
  // against a real backend (FOLLOWUP_API, default the serve command's port).
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api/': {
        target: process.env.FOLLOWUP_API ?? 'http://127.0.0.1:5170',
        // src/renderer/api/*.ts shares the prefix: only calls and the event stream go to the backend.
        bypass: (req) => (req.method === 'GET' && !req.url?.startsWith('/api/events') ? req.url : undefined),
      },
    },
  },
}));
