import { describe, expect, it } from 'vitest';
import { at, basisOf, level, ROLES } from '../../test/support/synthetic-plan.js';
import { decide, loadPlan, type Decision, type PlanSource } from '../index.js';

// decide writes the usual shapes of an obligation as literals and the others property by property:
// whichever way, the keys come in the order of the Decision's schema, and nothing is lost.
const basis = basisOf('shapes test plan');
const quoted = { seed: '000', section: '篇一', clause: '一', quote: '原文' };

/** Every key an obligation may have, in the order the output writes them. */
const OBLIGATION_KEYS = ['id', 'step', 'to', 'notify', 'subject', 'until', 'title', 'responsible', 'recipient', 'kind', 'immediate', 'arisenAt', 'dueAt', 'doneAt', 'status', 'reminders', 'blockedBy', 'approvals', 'layer', 'basis', 'soft', 'latestAt', 'extendedBy', 'waitingFor', 'reason'];

/** Whether keys come in the order of `order` (each known, none twice). */
const inOrder = (keys: string[], order: string[]): boolean => keys.every((key, i) => order.includes(key) && (i === 0 || order.indexOf(keys[i - 1] as string) < order.indexOf(key)));

const source: PlanSource = {
  format: 2,
  id: 'shapes-test',
  version: '1',
  title: '输出形状测试预案',
  unit: '测试单位',
  source: { seed: '000', file: 'src/decide/decision-shapes.test.ts' },
  levels: [level('I', 1, basis), level('II', 2, basis)],
  classification: [{ id: 'c-i', level: 'I', priority: 20, basis, conditions: { all: [{ fact: 'attention', operator: 'equal', value: 'extreme' }] } }],
  roles: [...ROLES, { id: 'meeting', name: '局务会', collective: true }, { id: 'director', name: '局长' }],
  recipients: [{ id: 'propaganda', name: '宣传部' }],
  escalation: ['I', 'II'].map((id) => ({ level: id, lead: 'leading-group', basis })),
  obligations: [
    { id: 'plain', step: 'verify', title: '核实', responsible: 'office', offset: 'PT1H', basis: quoted },
    { id: 'plain-unquoted', step: 'verify', title: '再核实', responsible: 'office', offset: 'PT1H', basis: { seed: '000', section: '篇一', clause: '一' } },
    { id: 'until', step: 'monitor', title: '监测', responsible: 'office', continuous: true, until: 'subsided', basis: { seed: '000', clause: '二', quote: '原文' } },
    { id: 'to', step: 'report', title: '报告领导小组', responsible: 'meeting', to: 'leading-group', offset: 'PT2H', basis },
    { id: 'to-notify', step: 'report', title: '报告宣传部', responsible: 'office', to: 'propaganda', notify: 'report', immediate: true, basis },
    { id: 'to-until', step: 'report', title: '持续报告', responsible: 'office', to: 'leading-group', continuous: true, until: 'subsided', basis },
    { id: 'subject', step: 'reply', title: '回应', responsible: 'office', subject: '专题', offset: 'PT3H', basis },
    { id: 'blocked', step: 'statement', title: '声明', responsible: 'office', offset: 'PT2H', after: ['plain'], basis },
    { id: 'cited', step: 'evaluate', title: '评估', responsible: 'office', basis: { seed: '000', section: '篇二', document: '某文件', number: '1号', clause: '三', quote: '原文' } },
    { id: 'numbered', step: 'evaluate', title: '再评估', responsible: 'office', basis: { seed: '000', number: '2号', clause: '四' } },
    { id: 'other-document', step: 'evaluate', title: '复评', responsible: 'office', basis: { document: '另一文件', clause: '五' } },
    { id: 'approved', step: 'consult', title: '审签', responsible: 'office', to: 'propaganda', notify: 'report', approval: { mode: 'all', by: ['director'] }, basis },
  ],
} as PlanSource;

describe('the obligations of a decision, whatever their shape', () => {
  const decision = (): Decision => decide(loadPlan(source), { id: 'inc-shapes', occurredAt: at('08:30'), discoveredAt: at('09:00'), indicators: { attention: 'extreme' }, events: [{ type: 'consult', at: at('09:10'), to: 'propaganda', by: 'director' }] }, { now: at('09:30') });

  it('come with their keys in the order of the schema', () => {
    const d = decision();
    expect(d.obligations.map((o) => o.id)).toEqual(['plain', 'plain-unquoted', 'until', 'to', 'to-notify', 'to-until', 'subject', 'blocked', 'cited', 'numbered', 'other-document', 'approved']);
    for (const o of d.obligations) expect(inOrder(Object.keys(o), OBLIGATION_KEYS), `${o.id}: ${Object.keys(o).join(', ')}`).toBe(true);
  });

  it('keep every field of their duty', () => {
    const byId = new Map(decision().obligations.map((o) => [o.id, o]));
    expect(byId.get('plain')).toStrictEqual({ id: 'plain', step: 'verify', title: '核实', responsible: { id: 'office', name: expect.any(String) }, kind: 'deadline', immediate: false, arisenAt: at('09:00'), dueAt: at('10:00'), doneAt: null, status: 'pending', reminders: [{ fraction: 0.5, at: at('09:30'), reached: true }, { fraction: 0.75, at: at('09:45'), reached: false }], basis: quoted });
    expect(byId.get('plain-unquoted')!.basis).toStrictEqual({ seed: '000', section: '篇一', clause: '一' });
    expect(byId.get('until')).toMatchObject({ until: 'subsided', kind: 'continuous', basis: { seed: '000', clause: '二', quote: '原文' } });
    expect(Object.keys(byId.get('until')!.basis)).toEqual(['seed', 'clause', 'quote']);
    expect(byId.get('to')).toMatchObject({ to: 'leading-group', responsible: { id: 'meeting', name: '局务会', collective: true }, recipient: { id: 'leading-group', name: expect.any(String) } });
    expect(Object.keys(byId.get('to')!.responsible)).toEqual(['id', 'name', 'collective']);
    expect(byId.get('to-notify')).toMatchObject({ to: 'propaganda', notify: 'report', recipient: { id: 'propaganda', name: '宣传部' }, kind: 'immediate', immediate: true });
    expect(byId.get('to-until')).toMatchObject({ to: 'leading-group', until: 'subsided', recipient: { id: 'leading-group' } });
    expect(byId.get('subject')).toMatchObject({ subject: '专题', dueAt: at('12:00') });
    // Citations of documents, written field by field in the schema's order.
    expect(byId.get('cited')!.basis).toStrictEqual({ seed: '000', section: '篇二', document: '某文件', number: '1号', clause: '三', quote: '原文' });
    expect(Object.keys(byId.get('cited')!.basis)).toEqual(['seed', 'section', 'document', 'number', 'clause', 'quote']);
    expect(byId.get('numbered')!.basis).toStrictEqual({ seed: '000', number: '2号', clause: '四' });
    expect(byId.get('other-document')!.basis).toStrictEqual({ document: '另一文件', clause: '五' });
    expect(byId.get('blocked')).toMatchObject({ blockedBy: ['plain'], dueAt: null });
    expect(byId.get('approved')).toMatchObject({ to: 'propaganda', notify: 'report', approvals: [{ by: 'director', at: at('09:10') }] });
  });

  it('share no object with one another or the plan', () => {
    const d = decision();
    const plan = loadPlan(source);
    const [first, second] = [d.obligations[0]!, d.obligations[1]!];
    expect(first.basis).not.toBe(plan.definition.obligations[0]!.basis);
    expect(first.responsible).not.toBe(second.responsible);
    expect(first.reminders).not.toBe(second.reminders);
  });
});

describe('the warnings about who acted', () => {
  it('name each unknown role of a list by its place, and not the known ones', () => {
    const d = decide(loadPlan(source), { id: 'inc-by', occurredAt: at('08:30'), discoveredAt: at('09:00'), events: [{ type: 'verify', at: at('09:10'), by: ['office', 'ghost'] }, { type: 'verify', at: at('09:20'), by: 'phantom' }] }, { now: at('09:30') });
    expect(d.warnings.filter((w) => w.code === 'unknown-role')).toStrictEqual([
      { code: 'unknown-role', path: ['events', 0, 'by', 1], message: '预案中没有角色“ghost”；按原样保留' },
      { code: 'unknown-role', path: ['events', 1, 'by'], message: '预案中没有角色“phantom”；按原样保留' },
    ]);
    const en = decide(loadPlan(source), { id: 'inc-by', occurredAt: at('08:30'), discoveredAt: at('09:00'), events: [{ type: 'verify', at: at('09:20'), by: 'phantom' }] }, { now: at('09:30'), lang: 'en' });
    expect(en.warnings.filter((w) => w.code === 'unknown-role')).toStrictEqual([{ code: 'unknown-role', path: ['events', 0, 'by'], message: 'the plan knows no role "phantom"; kept as given' }]);
  });
});
