// The workbench (workbench/dist, built by `npm run test:e2e`) driven in headless Chromium. Every expected
// text is computed here with the library, never written by hand: the page must say what the library says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decide, dueText, IncidentError, listPlans, loadPlan, PlanError, type Decision } from '../../src/index.js';
import { launch, ROOT, serveStatic, sharedLink, showSection, type Browser, type Site } from './browser.js';

// Run inside the page (locator.evaluate): the browser's own function.
declare const getComputedStyle: (element: unknown) => { fill: string };

let site: Site;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = await serveStatic();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  browser.errors.length = 0;
  page = await browser.context.newPage();
  return async () => {
    await page.close();
  };
});

// A level III incident of hrss (its scenario "row III indicators"), ten minutes after it was found.
const INCIDENT = {
  id: 'inc-hrss',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'elevated', spread: 'moderate', reach: 'limited', offlineRisk: 'none' },
};
const NOW = '2026-03-02T09:10:00+08:00';

const banner = (p: Page): Locator => p.locator('[data-testid="error"]');
const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const squash = (value: string): string => value.replace(/\s+/g, ' ').trim();

/** Opens a shared link and waits until the decision (or the error banner) is on the page. */
async function open(url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="level"], [data-testid="error"]:visible').first().waitFor({ state: 'visible' });
}

/** The obligation rows on the page: title, due text, status code. */
async function obligationsOnPage(): Promise<{ title: string; due: string; dueAt: string | null; status: string | null }[]> {
  return page.locator('[data-testid="obligation"]').evaluateAll((rows) =>
    rows.map((row) => {
      const read = (selector: string) => (row.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const status = row.querySelector('[data-testid="status"]');
      const dueAt = row.querySelector('[data-testid="due"]')?.getAttribute('data-due-at') ?? null;
      return { title: read('[data-testid="obligation-title"]'), due: read('[data-testid="due"]'), dueAt, status: status?.getAttribute('data-status') ?? null };
    }),
  );
}

/** What differs between the page and the decision: level, lead, and each obligation's due text and status (empty when the page shows the decision). */
async function differences(decision: Decision): Promise<string[]> {
  const found: string[] = [];
  const level = await text(page.locator('[data-testid="level"]'));
  if (!level.includes(decision.level.name) || !level.includes(decision.level.id)) found.push(`level: ${level}`);
  const lead = await text(page.locator('[data-testid="lead"]'));
  if (!lead.includes(decision.lead.name)) found.push(`lead: ${lead}`);
  const rows = await obligationsOnPage();
  if (rows.length !== decision.obligations.length) found.push(`${rows.length} obligations on the page, ${decision.obligations.length} decided`);
  for (const obligation of decision.obligations) {
    const row = rows.find((r) => r.title === squash(obligation.title));
    if (!row) found.push(`${obligation.id}: not on the page`);
    else if (row.due !== dueText(obligation) || row.dueAt !== obligation.dueAt || row.status !== obligation.status) found.push(`${obligation.id}: ${row.due} (${row.dueAt}) ${row.status}, expected ${dueText(obligation)} (${obligation.dueAt}) ${obligation.status}`);
  }
  return found;
}

/** The page shows the decision (it may take a moment to redraw). */
async function expectDecision(decision: Decision): Promise<void> {
  await expect.poll(() => differences(decision)).toEqual([]);
}

/** Sets a form control: a select by value, a checkbox by state, anything else by typing. */
async function setControl(control: Locator, value: string | boolean): Promise<void> {
  const kind = await control.evaluate((el) => {
    const { tagName, type } = el as unknown as { tagName: string; type?: string };
    return tagName === 'SELECT' ? 'select' : tagName === 'INPUT' && type === 'checkbox' ? 'checkbox' : 'input';
  });
  if (kind === 'select') await control.selectOption(String(value));
  else if (kind === 'checkbox') await control.setChecked(Boolean(value));
  else {
    await control.fill(String(value));
    await control.dispatchEvent('change');
  }
}

/** The incident as the page holds it (#incident-json). */
async function incidentOnPage(): Promise<{ events?: { type: string; at: string; to?: string }[] } & Record<string, unknown>> {
  return JSON.parse(await page.locator('#incident-json').inputValue());
}

describe('the workbench in headless Chromium', () => {
  it('(1) a shared link shows the level, the lead and every deadline as the library writes them', async () => {
    await open(sharedLink(site, 'hrss', NOW, INCIDENT));
    await showSection(page, '事件与决策');
    const decision = decide(loadPlan('hrss'), INCIDENT, { now: NOW });
    expect(decision.obligations.some((o) => /前$/.test(dueText(o)))).toBe(true);
    await expectDecision(decision);
    await expect.poll(() => banner(page).isVisible()).toBe(false);
    expect(browser.errors).toEqual([]);
  });

  it('(1b) the same for county-bureau, a level II incident at another moment', async () => {
    const incident = { ...INCIDENT, id: 'inc-county', indicators: { attention: 'high', foreignMedia: 'emerging' }, events: [{ type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group' }] };
    const now = '2026-03-02T21:00:00+08:00';
    await open(sharedLink(site, 'county-bureau', now, incident));
    await showSection(page, '事件与决策');
    await expectDecision(decide(loadPlan('county-bureau'), incident, { now }));
  });

  it('(2) each bundled plan: its tables, no error', async () => {
    await page.goto(site.url);
    await page.locator('#plan-select').waitFor();
    for (const { id } of listPlans()) {
      await page.locator('#plan-select').selectOption(id);
      await showSection(page, '预案');
      const levels = page.locator('[data-testid="plan-levels"]');
      await levels.waitFor({ state: 'visible' });
      const plan = id === 'ideology-emergency' ? null : loadPlan(id);
      if (plan) for (const level of plan.definition.levels) await expect.poll(() => text(levels), { message: id }).toContain(level.name);
      await expect.poll(() => page.locator('[data-testid="plan-escalation"]').isVisible(), { message: id }).toBe(true);
      const deadlines = page.locator('[data-testid="plan-deadlines"]');
      expect(await deadlines.isVisible(), id).toBe(true);
      expect((await text(deadlines)).length, id).toBeGreaterThan(20);
      expect(await banner(page).isVisible(), `${id}: ${await text(banner(page))}`).toBe(false);
    }
    expect(browser.errors).toEqual([]);
  });

  it('(3) editing a fact changes the level; an event done meets its obligation; events move and go', async () => {
    await open(sharedLink(site, 'hrss', NOW, INCIDENT));
    await showSection(page, '事件与决策');
    const plan = loadPlan('hrss');
    // A fact edited: attention extreme is row I.
    await setControl(page.locator('[data-fact="attention"]'), 'extreme');
    const raised = decide(plan, { ...INCIDENT, indicators: { ...INCIDENT.indicators, attention: 'extreme' } }, { now: NOW });
    expect(raised.level.id).toBe('I');
    await expect.poll(() => text(page.locator('[data-testid="level"]'))).toContain(raised.level.name);
    await setControl(page.locator('[data-fact="attention"]'), 'elevated');
    const before = decide(plan, INCIDENT, { now: NOW });
    await expect.poll(() => text(page.locator('[data-testid="level"]'))).toContain(before.level.name);

    // An event: the report to the leading group, done at 09:05.
    const duty = before.obligations.find((o) => o.step === 'report' && o.status === 'pending')!;
    expect(duty).toBeDefined();
    const at = '2026-03-02T09:05:00+08:00';
    const event = { type: duty.step, at, ...(duty.to ? { to: duty.to } : {}) };
    const after = decide(plan, { ...INCIDENT, events: [event] }, { now: NOW });
    expect(after.obligations.find((o) => o.id === duty.id)?.status).toBe('met');
    await page.locator('#add-event').click();
    const row = page.locator('[data-testid="event"]').last();
    await setControl(row.locator('[data-field="type"]'), event.type);
    await setControl(row.locator('[data-field="at"]'), at);
    if (event.to) await setControl(row.locator('[data-field="to"]'), event.to);
    await expectDecision(after);

    // A second event, then moved above the first, then the first removed.
    await page.locator('#add-event').click();
    const second = page.locator('[data-testid="event"]').last();
    await setControl(second.locator('[data-field="type"]'), 'reply');
    await setControl(second.locator('[data-field="at"]'), '2026-03-02T09:08:00+08:00');
    await expect.poll(async () => (await incidentOnPage()).events?.map((e) => e.type)).toEqual([event.type, 'reply']);
    await second.locator('[data-action="move-up"]').click();
    await expect.poll(async () => (await incidentOnPage()).events?.map((e) => e.type)).toEqual(['reply', event.type]);
    await page.locator('[data-testid="event"]').nth(0).locator('[data-action="move-down"]').click();
    await expect.poll(async () => (await incidentOnPage()).events?.map((e) => e.type)).toEqual([event.type, 'reply']);
    await page.locator('[data-testid="event"]').nth(0).locator('[data-action="remove-event"]').click();
    await expect.poll(async () => (await incidentOnPage()).events?.map((e) => e.type)).toEqual(['reply']);
    await expectDecision(decide(plan, { ...INCIDENT, events: [{ type: 'reply', at: '2026-03-02T09:08:00+08:00' }] }, { now: NOW }));
    expect(browser.errors).toEqual([]);
  });

  it('(4) an overdue duty is red in the gantt chart, and the next review is shown', async () => {
    const now = '2026-03-03T12:00:00+08:00';
    const decision = decide(loadPlan('hrss'), INCIDENT, { now });
    const overdue = decision.obligations.filter((o) => o.status === 'overdue');
    expect(overdue.length).toBeGreaterThan(0);
    await open(sharedLink(site, 'hrss', now, INCIDENT));
    await showSection(page, '事件与决策');
    const gantt = page.locator('[data-testid="gantt"]');
    await gantt.waitFor({ state: 'visible' });
    for (const o of overdue) expect(await gantt.locator(`[data-obligation="${o.id}"].overdue, .overdue [data-obligation="${o.id}"], [data-obligation="${o.id}"] .overdue`).count(), o.id).toBeGreaterThan(0);
    const fills = await gantt.locator('.overdue').evaluateAll((nodes) =>
      nodes.map((node) => {
        const shapes = [node, ...node.querySelectorAll('rect, path, polygon, line')];
        return shapes.map((shape) => getComputedStyle(shape).fill).find((fill) => fill && fill !== 'none') ?? 'none';
      }),
    );
    expect(fills.length).toBeGreaterThan(0);
    for (const fill of fills) {
      const [r, g, b] = (fill.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      expect(r! > 150 && g! < 110 && b! < 110, `fill ${fill}`).toBe(true);
    }
    if (decision.nextReviewAt) {
      const review = page.locator('[data-testid="next-review"]');
      await review.waitFor({ state: 'visible' });
      expect(await text(review)).toContain(decision.nextReviewAt.slice(11, 16));
    }
  });

  it('(5) bad links and bad plan files: the library’s Chinese message in the banner, the page still usable', async () => {
    const plan = loadPlan('hrss');
    const invalid = { ...INCIDENT, occurredAt: 'yesterday' };
    let incidentError: unknown;
    try {
      decide(plan, invalid, { now: NOW });
    } catch (error) {
      incidentError = error;
    }
    expect(incidentError).toBeInstanceOf(IncidentError);
    let unknownError: unknown;
    try {
      loadPlan('no-such-plan');
    } catch (error) {
      unknownError = error;
    }
    expect(unknownError).toBeInstanceOf(PlanError);
    const cases: [string, string, string[]][] = [
      ['broken base64', `${site.url}#plan=hrss&now=${encodeURIComponent(NOW)}&incident=%%%not-base64`, []],
      ['invalid incident', sharedLink(site, 'hrss', NOW, invalid), (incidentError as IncidentError).issues.map((i) => i.message)],
      ['unknown plan', sharedLink(site, 'no-such-plan', NOW, INCIDENT), (unknownError as PlanError).issues.map((i) => i.message)],
    ];
    for (const [name, url, messages] of cases) {
      await page.goto('about:blank');
      await open(url);
      const shown = banner(page);
      await expect.poll(() => shown.isVisible(), { message: name }).toBe(true);
      const said = await text(shown);
      expect(said, name).toMatch(/[\u4e00-\u9fff]/);
      for (const message of messages) expect(said, name).toContain(squash(message));
      // Never blank: the page still has its plan selector, and a plan chosen now decides.
      expect((await text(page.locator('body'))).length, name).toBeGreaterThan(50);
      await page.locator('#plan-select').selectOption('city-drill');
      await showSection(page, '预案');
      await expect.poll(() => page.locator('[data-testid="plan-levels"]').isVisible(), { message: name }).toBe(true);
    }

    // Plan files: not JSON, and JSON that fails validation.
    const bad = JSON.parse(readFileSync(join(ROOT, 'rules', 'city-drill.json'), 'utf8')) as Record<string, unknown>;
    bad.timeZone = 'Mars/Olympus';
    let planError: unknown;
    try {
      loadPlan(bad);
    } catch (error) {
      planError = error;
    }
    expect(planError).toBeInstanceOf(PlanError);
    const files: [string, string, string[]][] = [
      ['not JSON', '{ "id": "x", levels: [', []],
      ['invalid plan', JSON.stringify(bad), (planError as PlanError).issues.map((i) => i.message)],
    ];
    for (const [name, content, messages] of files) {
      await page.goto(site.url);
      await page.locator('#plan-select').waitFor();
      await page.locator('#plan-file').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(content) });
      const shown = banner(page);
      await expect.poll(() => shown.isVisible(), { message: name }).toBe(true);
      const said = await text(shown);
      expect(said, name).toMatch(/[\u4e00-\u9fff]/);
      for (const message of messages) expect(said, name).toContain(squash(message));
      await page.locator('#plan-select').selectOption('hrss');
      await showSection(page, '预案');
      await expect.poll(() => text(page.locator('[data-testid="plan-levels"]')), { message: name }).toContain(plan.definition.levels[0]!.name);
    }
  });

  it('(6) the plan editor: a deadline changed, the diff shows changed cases, both files download and the plan loads as edited', async () => {
    await page.goto(site.url);
    await page.locator('#plan-select').selectOption('city-drill');
    await showSection(page, '修改预案');
    const form = page.locator('[data-testid="edit-deadline"]');
    await form.waitFor({ state: 'visible' });
    // The duty the form offers first, given a deadline of 7 minutes (once the form shows city-drill's duties, not the plan before).
    const selects = form.locator('select');
    const drill = JSON.parse(readFileSync(join(ROOT, 'rules', 'city-drill.json'), 'utf8')) as { title: string; obligations: { id: string }[] };
    const drillDuties = drill.obligations.map((o) => o.id);
    await expect.poll(() => text(page.locator('#plan-editor')), { timeout: 30_000 }).toContain(drill.title);
    await expect.poll(() => selects.nth(0).inputValue(), { timeout: 30_000 }).toSatisfy((id: string) => drillDuties.includes(id));
    const duty = await selects.nth(0).inputValue();
    await selects.nth(1).selectOption('offset');
    await form.locator('input[type="number"]').fill('7');
    await selects.nth(2).selectOption('minutes');
    await form.locator('button[type="submit"]').click();
    await page.locator('#run-diff').click();
    const diff = page.locator('[data-testid="diff"]');
    await expect.poll(() => diff.locator('[data-testid="diff-case"]').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await banner(page).isVisible(), await text(banner(page))).toBe(false);

    const [planDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-plan').click()]);
    const planFile = JSON.parse(readFileSync((await planDownload.path())!, 'utf8')) as { obligations: { id: string }[] };
    const original = JSON.parse(readFileSync(join(ROOT, 'rules', 'city-drill.json'), 'utf8')) as { obligations: { id: string }[] };
    const edited = loadPlan(planFile);
    expect(edited.id).toBe('city-drill');
    const before = original.obligations.find((o) => o.id === duty);
    const after = planFile.obligations.find((o) => o.id === duty);
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));
    expect(Object.values(after!)).toContain('PT7M');
    // Nothing else changed.
    expect(planFile.obligations.filter((o) => o.id !== duty)).toEqual(original.obligations.filter((o) => o.id !== duty));
    const [scenarioDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-scenarios').click()]);
    const scenarios = JSON.parse(readFileSync((await scenarioDownload.path())!, 'utf8')) as { scenarios?: unknown[] };
    expect(Array.isArray(scenarios.scenarios) && scenarios.scenarios.length).toBeGreaterThan(0);
    expect(browser.errors).toEqual([]);
  });

  it('(7) a plan file with blanks: the parameters form shows the library’s messages, and once filled the plan decides', async () => {
    const file = readFileSync(join(ROOT, 'rules', 'ideology-emergency.json'), 'utf8');
    const definition = JSON.parse(file) as Record<string, unknown>;
    const values = { phoneReportMinutes: '45', writtenReportHours: '3', verifyHours: '1', officeDepartment: '办公室' };
    const messages = (given: Record<string, string>): Record<string, string> => {
      try {
        loadPlan(definition, { parameters: given });
      } catch (error) {
        return Object.fromEntries((error as PlanError).issues.map((i) => [String(i.path[1]), squash(i.message)]));
      }
      return {};
    };
    await page.goto(site.url);
    await page.locator('#plan-select').selectOption('city-drill');
    await page.locator('#plan-file').setInputFiles({ name: 'my-emergency.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    const form = page.locator('[data-testid="plan-parameters"]');
    await form.waitFor({ state: 'visible' });
    expect(await form.locator('[data-parameter]').count()).toBe(4);
    // Nothing filled: each blank says what the library says.
    for (const [id, message] of Object.entries(messages({}))) await expect.poll(() => text(form.locator(`[data-parameter-message="${id}"]`)), { message: id }).toContain(message);
    expect(await banner(page).isVisible()).toBe(false);
    // Meanwhile the incident form and the plan editor say what they wait for, not the plan before.
    expect(await page.locator('#incident-form').isVisible()).toBe(false);
    expect(await text(page.locator('#incident-form-waiting'))).toContain('my-emergency.json');
    expect(await page.locator('#plan-editor').isVisible()).toBe(false);
    expect(await text(page.locator('#plan-editor-waiting'))).toContain('my-emergency.json');
    // A bad value, then every blank filled: the plan decides with them.
    await form.locator('[data-parameter="phoneReportMinutes"]').fill('abc');
    const bad = messages({ ...values, phoneReportMinutes: 'abc' }).phoneReportMinutes!;
    await expect.poll(() => text(form.locator('[data-parameter-message="phoneReportMinutes"]'))).toContain(bad);
    for (const [id, value] of Object.entries(values)) await form.locator(`[data-parameter="${id}"]`).fill(value);
    await expect.poll(() => text(form.locator('[data-parameter-message="phoneReportMinutes"]'))).toBe('');
    await showSection(page, '事件与决策');
    await page.locator('[data-testid="level"]').waitFor({ state: 'visible' });
    const plan = loadPlan(definition, { parameters: values });
    const decision = decide(plan, await incidentOnPage(), { now: await page.locator('#now').inputValue() });
    await expectDecision(decision);
    await expect.poll(() => text(page.locator('[data-testid="plan-deadlines"]'))).toContain('45分钟');
    expect(await banner(page).isVisible(), await text(banner(page))).toBe(false);
    expect(await page.locator('#incident-form-waiting').count()).toBe(0);
    expect(await page.locator('#plan-editor').isVisible()).toBe(true);

    // The bundled plan: prefilled from its scenario file; the share section says the link uses those values.
    await page.locator('#plan-select').selectOption('ideology-emergency');
    await expect.poll(() => form.locator('[data-parameter="phoneReportMinutes"]').inputValue()).toBe('30');
    await form.locator('[data-parameter="phoneReportMinutes"]').fill('20');
    await expect.poll(() => text(page.locator('[data-testid="share-parameters"]'))).toContain('示例文件');
    await expect.poll(() => text(page.locator('[data-testid="plan-deadlines"]'))).toContain('20分钟');
    expect(browser.errors).toEqual([]);
  });

  it('(8) the language select switches the library’s explanations to English', async () => {
    await open(sharedLink(site, 'hrss', NOW, INCIDENT));
    await showSection(page, '事件与决策');
    const plan = loadPlan('hrss');
    const zh = decide(plan, INCIDENT, { now: NOW });
    const en = decide(plan, INCIDENT, { now: NOW, lang: 'en' } as Parameters<typeof decide>[2]);
    expect(en.explanation[0]!.text).not.toBe(zh.explanation[0]!.text);
    const explanation = page.locator('[data-testid="explanation"]');
    await expect.poll(() => text(explanation)).toContain(squash(zh.explanation[0]!.text));
    await page.locator('#lang-select').selectOption('en');
    await expect.poll(() => text(explanation)).toContain(squash(en.explanation[0]!.text));
    // The plan's own data stays Chinese: the level's name.
    expect(await text(page.locator('[data-testid="level"]'))).toContain(zh.level.name);
  });
});
