import { readFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** JSON files (the bundled plans, the holiday calendar) as `JSON.parse('…')`: a string is parsed far faster than the same object as code (issue 15). */
const jsonAsText: Plugin = {
  name: 'json-as-text',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async ({ path }) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await readFile(path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

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
    esbuildPlugins: [jsonAsText],
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
    esbuildPlugins: [jsonAsText],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
