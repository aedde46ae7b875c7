// Issue 12, item 5: renderDecision and renderAudit are safe to show as Markdown or HTML and in a terminal,
// whatever the plan's and the incident's strings hold; ordinary Chinese text passes unchanged.
import { describe, expect, it } from 'vitest';
import { audit, decide, loadPlan, renderAudit, renderDecision, type Audit } from '../src/index.js';
import { inline, oneLine } from '../src/render/text.js';

type Json = Record<string, unknown>;

/** Strings an adversary puts where a plan or an incident has text. */
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '[link](javascript:alert(1))',
  '![pic](x)',
  '**bold**',
  '_em_',
  '~~gone~~',
  '`code`',
  'a|b',
  '```js',
  '\u001b[31mred\u001b[0m',
  '\u202eevil\u202c',
  '\u2066iso\u2069',
  '\u0007bell\u0085next',
  'line\nbreak\r\nagain\u2028sep',
  'x &amp; y',
];
const HOSTILE = PAYLOADS.join(' ');
/** Mermaid syntax in a title: a new statement, task data, a comment and a directive. */
const MERMAID = 'section evil: crit, 2026-01-01, 1d #35; %%{init}%% `x` click';

/** The county-bureau plan with every name and title an adversary can write replaced by hostile text. */
function hostilePlan(): ReturnType<typeof loadPlan> {
  const def = structuredClone(loadPlan('county-bureau').definition) as unknown as Json;
  def.title = HOSTILE;
  for (const key of ['roles', 'recipients', 'levels'] as const) {
    (def[key] as Json[]).forEach((entry, i) => (entry.name = `${HOSTILE} ${key} ${i}`));
  }
  (def.escalation as Json[]).forEach((e) => (e.leadNote = `${HOSTILE} note`));
  (def.obligations as Json[]).forEach((o, i) => {
    o.title = `${MERMAID} ${HOSTILE} duty ${i}`;
    (o.basis as Json).clause = `${HOSTILE} clause`;
  });
  return loadPlan(def);
}

const incident = {
  id: `${MERMAID} ${HOSTILE}`.slice(0, 200),
  title: `inc ${HOSTILE}`,
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  events: [
    { type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group' },
    { type: 'report', at: '2026-03-02T09:25:00+08:00', to: '<script>alert(1)</script> [x](javascript:y) \u001b[2J' },
    { type: 'consult', at: '2026-03-02T09:26:00+08:00', by: '**boss** \u202e|' },
    { type: 'subsided', at: '2026-03-02T09:50:00+08:00' },
  ],
};
const now = { now: '2026-03-02T10:00:00+08:00' };

/** C0 and C1 controls but the line feed between lines, DEL, bidi controls, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** Markdown that starts something: emphasis, code, links and images, strike-through, table cells. */
const MARKDOWN = /[*_[\]`~|]/;
const withoutEscapes = (text: string): string => text.replace(/\\[\\`*_[\]~|]/g, '');

/** What every rendering must hold: no tag can open, no control character, the payloads only escaped. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/[<>]/);
  expect(text).not.toMatch(CONTROL);
  for (const raw of ['[link](', '![pic]', '**bold**', '_em_', '~~gone~~', '`code`', '```js', 'onerror=alert(1)>', '\u001b', '\u202e']) {
    expect(text).not.toContain(raw);
  }
  expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(text).toContain('\\[link\\](javascript:alert(1))');
  expect(text).toContain('!\\[pic\\](x)');
  expect(text).toContain('\\*\\*bold\\*\\* \\_em\\_ \\~\\~gone\\~\\~ \\`code\\` a\\|b \\`\\`\\`js \\[31mred\\[0m evil iso bell next line break again sep x &amp;amp; y');
}

describe('renderDecision with hostile plan and incident text', () => {
  const plan = hostilePlan();
  const decision = decide(plan, incident, now);
  const text = renderDecision(decision);

  it('lets no tag, link, emphasis, code, cell or control character through', () => {
    // The decision itself keeps the text as given: only the rendering escapes.
    expect(decision.lead.note).toBe(`${HOSTILE} note`);
    expectInert(text);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:y) \\[2J');
    expect(text).toContain('\\*\\*boss\\*\\* \\|');
  });

  it('leaves only its own status brackets unescaped', () => {
    const rest = withoutEscapes(text).replace(/\[(待办|已超时|按时完成|超时完成|不再适用)\]/g, '');
    expect(rest).not.toMatch(MARKDOWN);
  });

  it('keeps one line per entry: hostile line breaks do not add lines', () => {
    const plain = renderDecision(decide(loadPlan('county-bureau'), { ...incident, id: 'inc-1', title: 'x' }, now));
    expect(text.split('\n')).toHaveLength(plain.split('\n').length);
  });
});

describe('renderAudit with hostile plan and incident text', () => {
  const plan = hostilePlan();
  const report = audit(plan, incident, now);
  const text = renderAudit(report);
  const [markdown, rest] = text.split('```mermaid\n') as [string, string];
  const [chart, after] = rest.split('```\n') as [string, string];

  it('lets no tag, link, emphasis, code, cell or control character through', () => {
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(CONTROL);
    expectInert(markdown);
    expect(markdown).toContain('# 舆情处置审计：inc &lt;img');
  });

  it('keeps the tables whole: every row has as many cells as its header', () => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
    expect(rows.length).toBeGreaterThan(10);
    let columns = 0;
    for (const row of rows) {
      const cells = withoutEscapes(row).split('|').length;
      if (row.startsWith('| 级别') || row.startsWith('| 事项')) columns = cells;
      expect(cells).toBe(columns);
    }
    const prose = withoutEscapes(markdown)
      .split('\n')
      .filter((line) => !line.startsWith('|'))
      .join('\n')
      .replace('`county-bureau`', '');
    expect(prose).not.toMatch(MARKDOWN);
  });

  it('opens and closes the code fence of the chart once, and nothing follows it', () => {
    expect(text.match(/```/g)).toHaveLength(2);
    expect(after).toBe('');
  });

  it('keeps every Mermaid statement on its line: no new section, task data, comment or directive from text', () => {
    const statements = chart.trimEnd().split('\n');
    expect(statements[0]).toBe('gantt');
    const sections = statements.filter((line) => /^ {4}section /.test(line));
    expect(sections).toEqual(['    section 级别', '    section 有时限的义务', '    section 事件']);
    const title = statements[1] as string;
    expect(title).toMatch(/^ {4}title · section evil /);
    expect(title).not.toMatch(/[:#;%<>&`\\]/);
    const tasks = statements.filter((line) => !/^ {4}(title|section|dateFormat|axisFormat) /.test(line) && line !== 'gantt');
    expect(tasks.length).toBeGreaterThan(5);
    for (const line of tasks) {
      expect(line).toMatch(/^ {4}[^:#;%<>&`\\]+ :(active, |crit, |done, |milestone, )?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}, (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|0m)$/);
      expect(line).not.toMatch(/^\s*(section|click|title|excludes|includes|dateformat)/i);
    }
    expect(tasks.filter((line) => line.startsWith('    · section evil  crit, 2026-01-01, 1d  35   :'))).toHaveLength(2);
    expect(tasks.some((line) => line.startsWith('    report  script alert(1) /script  [x](jav :milestone, '))).toBe(true);
  });

  it('gives a task that is all syntax a name, and keeps dates to digits, T, colons and hyphens', () => {
    const base: Audit = report;
    const bare = renderAudit({
      ...base,
      levels: [{ ...base.levels[0]!, id: ':', name: '#;', from: '2026-03-02T09:00<b>', to: null }],
      obligations: [],
      events: [],
    });
    expect(bare).toContain('\n    — :2026-03-02T09:00, 2026-03-02T10:00\n');
  });
});

describe('ordinary text', () => {
  it('passes Chinese text, full-width punctuation and plain ASCII punctuation unchanged', () => {
    const chinese = '“某地”网传视频：回应、通报（第1次）；处置，完毕。#话题# 1.5-2 小时 + 50% (测试) !?';
    expect(inline(chinese)).toBe(chinese);
    expect(oneLine(chinese)).toBe(chinese);
  });

  it('renders a bundled plan’s Chinese titles and names exactly as the plan writes them', () => {
    const plan = loadPlan('county-bureau');
    const plain = { ...incident, id: '某地网传视频', title: '某地网传视频（续）', events: [] };
    const decision = decide(plan, plain, now);
    const text = renderDecision(decision);
    expect(decision.next.length).toBeGreaterThan(3);
    for (const o of decision.next) {
      expect(text).toContain(`${o.title}　— ${o.responsible.name}`);
    }
    expect(text).toContain(`牵头：${decision.lead.name}——${decision.lead.note}`);
    const report = renderAudit(audit(plan, plain, now));
    expect(report).toContain('# 舆情处置审计：某地网传视频（续）');
    for (const o of decision.obligations) expect(report).toContain(`| ${o.title}`);
  });

  it('flattens every kind of line break to one space and drops the other controls', () => {
    expect(oneLine('a\r\nb\nc\rd\te\u000bf\u000cg\u0085h\u2028i\u2029j')).toBe('a b c d e f g h i j');
    expect(oneLine('\u0000a\u001b[0m\u007f\u009b\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069b')).toBe('a[0mb');
  });
});

describe('bare URLs, hosts and e-mail addresses (red team 2, finding 5)', () => {
  const LINKS = ['https://evil.example/login', 'www.evil.example/login', 'admin@evil.example', '![x](https://evil.example/a.png)', 'MAILTO:boss', 'xmpp:a', 'FTP://evil', 'WWW.EVIL.EXAMPLE'];
  /** What starts a GFM autolink: `scheme://`, `mailto:` / `xmpp:`, `www.` and `@`, none with a backslash before it. */
  const AUTOLINK = /[a-z]:\/|(?:mailto|xmpp):|www\.|(?<!\\)@/i;

  it('escapes the colon of a scheme, the dot of www and every @, so no Markdown renderer links them', () => {
    expect(inline('https://evil.example/login')).toBe('https\\://evil.example/login');
    expect(inline('www.evil.example/login')).toBe('www\\.evil.example/login');
    expect(inline('admin@evil.example')).toBe('admin\\@evil.example');
    expect(inline('![x](https://evil.example/a.png)')).toBe('!\\[x\\](https\\://evil.example/a.png)');
    expect(inline('mailto:a@b.c xmpp:x')).toBe('mailto\\:a\\@b.c xmpp\\:x');
    expect(inline('javascript:alert(1) 时间 09:30')).toBe('javascript:alert(1) 时间 09:30');
  });

  it('keeps them out of renderDecision and of the heading and tables of renderAudit', () => {
    const plan = loadPlan('county-bureau');
    for (const id of LINKS) {
      const inc = { ...incident, id, title: `t ${id}`, events: [] };
      const decision = renderDecision(decide(plan, inc, now));
      const [report] = renderAudit(audit(plan, inc, now)).split('```mermaid') as [string];
      expect(decision).not.toMatch(AUTOLINK);
      expect(report).not.toMatch(AUTOLINK);
      expect(report.split('\n')[0]).toBe(`# 舆情处置审计：t ${inline(id)}`);
    }
  });
});

describe('Mermaid task names that start a gantt token (red team 2, finding 10)', () => {
  it('puts `· ` before a name starting with call, href or a digit (a date), in any case', () => {
    const base = audit(loadPlan('county-bureau'), incident, now);
    const duty = base.obligations.find((o) => o.dueAt !== null)!;
    const chart = renderAudit({
      ...base,
      levels: [{ ...base.levels[0]!, id: 'call', name: '重大级', to: null }],
      obligations: [
        { ...duty, title: 'href "https://evil.example" 上报' },
        { ...duty, title: '2026-03-02 上报' },
        { ...duty, title: ' CALL back' },
        { ...duty, title: '9 点前上报' },
        { ...duty, title: 'Accdescription x' },
      ],
      events: [],
    }).split('```mermaid\n')[1]!;
    const tasks = chart.split('\n').filter((line) => / :/.test(line));
    expect(tasks.map((line) => line.slice(0, line.indexOf(' :')))).toEqual([
      '    · call 重大级',
      '    · href "https //evil.example" 上报',
      '    · 2026-03-02 上报',
      '    ·  CALL back',
      '    · 9 点前上报',
      '    · Accdescription x',
    ]);
  });
});
