import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];
type ChunkPlugin = NonNullable<Options['plugins']>[number];

/** JSON files (the bundled plans, the holiday calendar) as `JSON.parse('…')`: a string is parsed far faster than the same object as code (issue 15). */
const jsonAsText: Plugin = {
  name: 'json-as-text',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async ({ path }) => ({
      contents: `export default /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await readFile(path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

/**
 * zod is bundled (issue 15: one file loads far faster than its hundred modules), with its English messages
 * only: the other locales are never used (errors.ts words every issue in English), so `locales` holds `en` alone.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(importer)
        ? { path: 'zod/v4/locales/index.js', namespace: 'zod-locales', pluginData: join(dirname(importer), '..', 'locales') }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ pluginData }) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: pluginData as string,
    }));
  },
};

/** Output in ASCII: esbuild escapes strings already, and this the comments it keeps, so that Node reads the file as one-byte text (faster to load). */
const asciiOnly: ChunkPlugin = {
  name: 'ascii-only',
  renderChunk(code) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(code)) return undefined;
    // eslint-disable-next-line no-control-regex
    return { code: code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) };
  },
};

/** One entry per bundled plan and layer (src/plans/entries/): 'yuqing-playbook/plans/<id>'. */
const PLAN_ENTRIES = Object.fromEntries(
  readdirSync('src/plans/entries')
    .filter((name) => name.endsWith('.ts') && name !== 'file.ts' && !name.endsWith('.test.ts'))
    .map((name) => [`plans/${name.slice(0, -3)}`, `src/plans/entries/${name}`]),
);

export default defineConfig([
  {
    // 'core' (docs/browser.md): the library without the bundled plans.
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', core: 'src/core.ts' },
    format: ['esm', 'cjs'],
    // The per-plan entries' declarations too: this build's declaration step clears every .d.ts in dist/ first.
    dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', core: 'src/core.ts', ...PLAN_ENTRIES } },
    sourcemap: true,
    // Both builds run at once: the library's clean keeps the program's output.
    clean: ['!cli.js', '!cli.js.map', '!plans', '!plans/**'],
    target: 'node20',
    treeshake: true,
    // The official holiday calendar is bundled: its UMD build has no named exports for Node's ESM loader.
    // zod and @date-fns/tz too, for a fast start (one file to load); zod stays a dependency, for the types of the declaration files.
    noExternal: ['chinese-days', 'zod', '@date-fns/tz'],
    esbuildPlugins: [jsonAsText, zodEnglishOnly],
    plugins: [asciiOnly],
  },
  {
    // 'yuqing-playbook/plans/<id>' (docs/browser.md): each bundled plan on its own, built apart from the
    // library so that its file is not a chunk shared with '.' (one more module for '.' to load per plan).
    entry: PLAN_ENTRIES,
    format: ['esm', 'cjs'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    treeshake: true,
    esbuildPlugins: [jsonAsText],
    plugins: [asciiOnly],
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
    // Every dependency is bundled into the program (issue 15: a fast start); the CommonJS ones (commander,
    // yaml, json-rules-engine) require Node's modules through a `require` made for this file.
    noExternal: ['chinese-days', 'zod', '@date-fns/tz', 'commander', 'yaml', 'json-rules-engine'],
    esbuildPlugins: [jsonAsText, zodEnglishOnly],
    plugins: [asciiOnly],
    banner: { js: "#!/usr/bin/env node\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);" },
  },
]);
