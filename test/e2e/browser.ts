// What the browser tests (test/e2e/) and the screenshots (scripts/workbench-screenshots.ts) share: a tiny
// static server for the built workbench, and headless Chromium through playwright-core — the system's
// Chromium (Debian's `chromium`, or CHROMIUM), never a downloaded one.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SITE = join(ROOT, 'workbench', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export interface Site {
  /** The address of index.html, e.g. http://127.0.0.1:41234/index.html */
  url: string;
  close(): Promise<void>;
}

/** Serves a folder on a free port of 127.0.0.1 (GET and HEAD; nothing outside the folder). */
export async function serveStatic(dir: string = SITE): Promise<Site> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run \`npm run build:workbench\` first`);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The Chromium binary: CHROMIUM, else Debian's. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  /** Errors the pages threw or logged (uncaught exceptions, console.error). */
  errors: string[];
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (removed on close), 1280×900, downloads accepted. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM`);
  const profile = mkdtempSync(join(tmpdir(), 'yuqing-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The URL-safe base64 of a value's JSON, UTF-8 (the shared link's `incident`). */
export const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** A shared link: index.html#plan=…&now=…&incident=… */
export function sharedLink(site: Site, plan: string, now: string, incident: unknown): string {
  return `${site.url}#plan=${encodeURIComponent(plan)}&now=${encodeURIComponent(now)}&incident=${base64url(incident)}`;
}

/** Shows one of the page's four sections (预案, 事件与决策, 修改预案, 分享) when they are tabs. */
export async function showSection(page: Page, name: '预案' | '事件与决策' | '修改预案' | '分享'): Promise<void> {
  const tab = page.locator('#tabs').getByText(name, { exact: true });
  if ((await tab.count()) > 0 && (await tab.first().isVisible())) await tab.first().click();
}
