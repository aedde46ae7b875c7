// npm run screenshots: pictures of the workbench's main views for the docs, taken from the built page
// (workbench/dist, which the script builds first) in headless Chromium at 1280×900:
//   docs/images/workbench-plan.png       the plan as tables (预案)
//   docs/images/workbench-decision.png   an incident and its decision (事件与决策)
//   docs/images/workbench-gantt.png      the gantt chart of its timeline, an overdue duty in red
//   docs/images/workbench-editor.png     the plan editor with a diff (修改预案)
//   docs/images/workbench-error.png      the error banner of a bad link
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, ROOT, serveStatic, sharedLink, showSection } from '../test/e2e/browser.js';

const OUT = join(ROOT, 'docs', 'images');
const INCIDENT = {
  id: 'inc-hrss',
  title: '某地社保经办服务投诉舆情',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', spread: 'fast', reach: 'limited', offlineRisk: 'none' },
  // Reported on time; no reply yet at the moment shown (10:00 the next day): the reply is overdue.
  events: [{ type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group' }],
};

/** One picture of what the window shows (1280×900), or of one element (`element`) whole. */
async function shoot(page: Page, name: string, element?: string): Promise<void> {
  const path = join(OUT, `workbench-${name}.png`);
  if (element) await page.locator(element).first().screenshot({ path });
  else await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

mkdirSync(OUT, { recursive: true });
const site = await serveStatic();
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(sharedLink(site, 'hrss', '2026-03-03T10:00:00+08:00', INCIDENT));
  await page.locator('[data-testid="level"]').waitFor({ state: 'visible' }).catch(() => undefined);

  await showSection(page, '预案');
  await page.locator('[data-testid="plan-levels"]').waitFor({ state: 'visible' });
  await page.evaluate('window.scrollTo(0, 0)');
  await shoot(page, 'plan');

  await showSection(page, '事件与决策');
  await page.locator('[data-testid="gantt"]').waitFor({ state: 'visible' });
  await page.evaluate("document.querySelector('#section-incident').scrollIntoView({ block: 'start' })");
  await shoot(page, 'decision');
  await shoot(page, 'gantt', '[data-testid="gantt"]');

  await page.locator('#plan-select').selectOption('city-drill');
  await showSection(page, '修改预案');
  const form = page.locator('[data-testid="edit-deadline"]');
  await form.waitFor({ state: 'visible' });
  // The first duty the form offers, given a deadline of 30 minutes, then the diff over the scenarios.
  const selects = form.locator('select');
  await selects.nth(1).selectOption('offset');
  await form.locator('input[type="number"]').fill('30');
  await selects.nth(2).selectOption('minutes');
  await form.locator('button[type="submit"]').click();
  await page.locator('#run-diff').click();
  await page.locator('[data-testid="diff"] [data-testid="diff-summary"]').waitFor({ state: 'visible', timeout: 60_000 });
  await page.evaluate("document.querySelector('#section-edit').scrollIntoView({ block: 'start' })");
  await shoot(page, 'editor');

  await page.goto('about:blank');
  await page.goto(sharedLink(site, 'hrss', '2026-03-03T10:00:00+08:00', { ...INCIDENT, occurredAt: '昨天上午' }));
  await page.locator('[data-testid="error"]').waitFor({ state: 'visible' });
  await shoot(page, 'error');
  if (browser.errors.length > 0) console.warn(`the page reported errors:\n${browser.errors.join('\n')}`);
} finally {
  await browser.close();
  await site.close();
}
