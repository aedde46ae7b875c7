import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Both builds run at once: the library's clean keeps the program's output.
    clean: ['!cli.js', '!cli.js.map'],
    target: 'node20',
    treeshake: true,
    // The official holiday calendar is bundled: its UMD build has no named exports for Node's ESM loader.
    noExternal: ['chinese-days'],
  },
  {
    // The `yuqing` program (package.json "bin"): one ESM file with a shebang.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    treeshake: true,
    noExternal: ['chinese-days'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
