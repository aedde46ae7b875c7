// The workbench: a static page built from workbench/ into workbench/dist/ (relative paths, no CDN: works offline from any static server).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  resolve: {
    alias: [
      { find: /^yuqing-playbook\/testing$/, replacement: here('../src/testing/index.ts') },
      { find: /^yuqing-playbook$/, replacement: here('../src/index.ts') },
    ],
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  server: { fs: { allow: [here('..')] } },
  preview: { host: '127.0.0.1' },
});
