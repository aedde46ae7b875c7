/** What `yuqing init` asks for: the plan's id and title. */
export interface ScaffoldOptions {
  id: string;
  title: string;
}

/** The two files of a new plan: its rule file and its scenario file, by name, with their text. */
export interface Scaffold {
  planFile: string;
  plan: string;
  scenarioFile: string;
  scenarios: string;
}

const text = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * A minimal standalone plan of format 2 citing its own document (two levels, the two roles every plan
 * has, one outside recipient, three duties) and scenarios that pass under it — the starting point of
 * docs/rule-authoring.md. Pure: returns the texts; `yuqing init` writes them.
 */
export function scaffoldPlan({ id, title }: ScaffoldOptions): Scaffold {
  const basis = (clause: string): { clause: string } => ({ clause });
  const plan = {
    $schema: 'https://unpkg.com/yuqing-playbook/plan.schema.json',
    format: 2,
    id,
    version: '1',
    title,
    unit: '（示例）本单位',
    source: { document: title },
    levels: [
      { id: 'major', rank: 1, name: '重大舆情', nameEn: 'Major incident', basis: basis('二（一）') },
      { id: 'general', rank: 2, name: '一般舆情', nameEn: 'Ordinary incident', basis: basis('二（二）') },
    ],
    classification: [
      {
        id: 'major',
        level: 'major',
        priority: 20,
        conditions: {
          any: [
            { fact: 'attention', operator: 'in', value: ['extreme', 'high'] },
            { fact: 'massIncident', operator: 'equal', value: true },
          ],
        },
        basis: basis('二（一）'),
      },
      { id: 'general-otherwise', level: 'general', priority: 10, conditions: { all: [] }, basis: basis('二（二）') },
    ],
    roles: [
      { id: 'leading-group', name: '领导小组', nameEn: 'Leading group' },
      { id: 'office', name: '领导小组办公室', nameEn: 'Office of the leading group' },
    ],
    recipients: [{ id: 'superior', name: '上级网信部门', nameEn: 'Cyberspace office above' }],
    escalation: [
      { level: 'major', lead: 'leading-group', leadNote: '领导小组统一指挥', basis: basis('三（一）') },
      { level: 'general', lead: 'office', leadNote: '领导小组办公室负责处置', basis: basis('三（二）') },
    ],
    obligations: [
      { id: 'report-leaders', step: 'report', title: '发现舆情后第一时间报告领导小组', responsible: 'office', to: 'leading-group', immediate: true, basis: basis('四（一）') },
      {
        id: 'report-superior',
        step: 'report',
        title: '重大舆情1小时内报告上级网信部门',
        responsible: 'office',
        to: 'superior',
        notify: 'report',
        offset: 'PT1H',
        when: { all: [{ fact: 'level', operator: 'equal', value: 'major' }] },
        basis: basis('四（二）'),
      },
      { id: 'reply', step: 'reply', title: '24小时内回应社会关切', responsible: 'office', offset: 'PT24H', basis: basis('四（三）') },
    ],
  };
  const incident = (indicators: Record<string, string>, events: object[] = []): object => ({
    id: 'inc-1',
    occurredAt: '2026-03-02T08:00:00+08:00',
    discoveredAt: '2026-03-02T09:00:00+08:00',
    indicators,
    ...(events.length > 0 ? { events } : {}),
  });
  const scenarios = {
    plan: `${id}.json`,
    scenarios: [
      {
        name: '关注度高：重大舆情，1小时内报告上级网信部门',
        clause: '二（一）；四（二）',
        incident: incident({ attention: 'high' }),
        now: '2026-03-02T09:10:00+08:00',
        expect: {
          level: 'major',
          lead: 'leading-group',
          notify: { superior: '2026-03-02T10:00:00+08:00' },
          obligations: { 'report-superior': { dueAt: '2026-03-02T10:00:00+08:00', status: 'pending' }, 'report-leaders': { kind: 'immediate', status: 'pending' } },
        },
      },
      {
        name: '关注度低：一般舆情，不报告上级网信部门',
        clause: '二（二）；四（二）',
        incident: incident({ attention: 'low' }),
        now: '2026-03-02T09:10:00+08:00',
        expect: { level: 'general', lead: 'office', absent: ['report-superior'], obligations: { reply: { dueAt: '2026-03-03T09:00:00+08:00', status: 'pending' } } },
      },
      {
        name: '按时报告和回应：均已完成',
        clause: '四（一）；四（三）',
        incident: incident({ attention: 'low' }, [
          { type: 'report', at: '2026-03-02T09:05:00+08:00', to: 'leading-group' },
          { type: 'reply', at: '2026-03-02T20:00:00+08:00' },
        ]),
        now: '2026-03-03T10:00:00+08:00',
        expect: { obligations: { 'report-leaders': { status: 'met' }, reply: { status: 'met', doneAt: '2026-03-02T20:00:00+08:00' } } },
      },
    ],
  };
  return { planFile: `${id}.json`, plan: text(plan), scenarioFile: `${id}.scenarios.json`, scenarios: text(scenarios) };
}
