import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('.', import.meta.url));

// The renderer is loaded from file:// in Electron and from the HTTP server in browser mode,
// so every asset URL must be relative.
export default defineConfig({
  root: `${repo}src/renderer`,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${repo}dist/renderer`,
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
  server: { host: '127.0.0.1' },
});
