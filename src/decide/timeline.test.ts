import { describe, expect, it } from 'vitest';
import { IncidentSchema } from '../model/incident.js';
import { parseTimestamp } from '../time/timestamp.js';
import { buildTimeline, canonicalKey, compareEvents, sortByMoment } from './timeline.js';

const at = (hhmm: string): string => `2026-03-02T${hhmm}:00+08:00`;
const ms = (hhmm: string): number => parseTimestamp(at(hhmm)) as number;
const RANKS: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
const timeline = (incident: Record<string, unknown>, now = '12:00', lang: 'zh' | 'en' = 'zh') =>
  buildTimeline(IncidentSchema.parse({ id: 't', occurredAt: at('08:00'), discoveredAt: at('09:00'), ...incident }), ms(now), (level) => RANKS[level] as number, undefined, undefined, undefined, undefined, lang);
const conflict = (index: number, what: string) => ({
  code: 'conflicting-events',
  path: ['events', index],
  message: `同一时刻的另一事件对${what}的记录不同；以较重者为准（就高）`,
});
const NO_FLAGS = { massIncident: false, falseReport: false, suspectedCrime: false, mediaInquiry: false, emergencyEvent: false, pressConference: false };

describe('the order of events', () => {
  it('puts the earlier event first, and at one moment the smaller content first', () => {
    expect(compareEvents({ at: 1, key: 'b' }, { at: 2, key: 'a' })).toBe(-1);
    expect(compareEvents({ at: 5, key: 'a' }, { at: 2, key: 'b' })).toBe(3);
    expect(compareEvents({ at: 1, key: 'a' }, { at: 1, key: 'b' })).toBe(-1);
    expect(compareEvents({ at: 1, key: 'b' }, { at: 1, key: 'a' })).toBe(1);
    expect(compareEvents({ at: 1, key: 'a' }, { at: 1, key: 'a' })).toBe(0);
  });

  it('reads an event with its keys in alphabetical order, whatever order they were written in', () => {
    const key = canonicalKey({ type: 'report', to: 'propaganda', at: at('09:10') });
    expect(key).toBe(JSON.stringify([['at', at('09:10')], ['to', 'propaganda'], ['type', 'report']]));
    expect(canonicalKey({ to: 'propaganda', at: at('09:10'), type: 'report' })).toBe(key);
  });
});

describe('sortByMoment', () => {
  it('orders as one stable sort by compareEvents does, reading the content only of events that share a moment', () => {
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (let round = 0; round < 300; round++) {
      const items = Array.from({ length: next(12) }, (_, index) => {
        const event = { type: ['report', 'reply', 'monitor'][next(3)]!, at: at(`09:0${next(4)}`), ...(next(2) === 0 ? { to: 'office' } : {}) } as never;
        return { event, index, at: ms(`09:0${next(4)}`), key: '' };
      });
      const expected = items.map((x) => ({ ...x, key: canonicalKey(x.event) })).sort(compareEvents).map((x) => x.index);
      const sorted = sortByMoment([...items]);
      expect(sorted.map((x) => x.index)).toStrictEqual(expected);
      for (const x of sorted) expect(x.key).toBe(sorted.filter((y) => y.at === x.at).length > 1 ? canonicalKey(x.event) : '');
    }
  });
});

describe('steps done', () => {
  it('records each step with only the details the event gave, in time order', () => {
    const t = timeline({
      events: [
        { type: 'report', at: at('09:40'), to: 'propaganda', subject: '首报', by: '张三' },
        { type: 'report', at: at('09:20') },
        { type: 'warning-issued', at: at('09:30'), level: 'II' },
      ],
    });
    expect(t.steps.get('report')).toStrictEqual([
      { step: 'report', at: ms('09:20'), index: 1 },
      { step: 'report', at: ms('09:40'), index: 0, to: 'propaganda', subject: '首报', by: ['张三'] },
    ]);
    expect(t.steps.get('warning-issue')).toStrictEqual([{ step: 'warning-issue', at: ms('09:30'), index: 2 }]);
    expect(t.steps.has('verify')).toBe(false);
  });

  it('leaves out a to, by or subject given as undefined', () => {
    const t = timeline({ events: [{ type: 'verify', at: at('09:30'), to: undefined, by: undefined, subject: undefined }] });
    expect(t.steps.get('verify')).toStrictEqual([{ step: 'verify', at: ms('09:30'), index: 0 }]);
  });

  it('opens no new state for a step that changes nothing', () => {
    const t = timeline({ events: [{ type: 'verify', at: at('09:30') }] });
    expect(t.states).toHaveLength(1);
    expect(t.states[0]?.cause).toBeNull();
  });
});

describe('the level judgement', () => {
  it('keeps a judgement without its author when none is named, and issues no warning for it', () => {
    const t = timeline({ events: [{ type: 'level-set', at: at('09:30'), level: 'II' }] });
    expect(t.states[1]?.judgement).toStrictEqual({ level: 'II', at: ms('09:30') });
    expect(t.states[1]?.warning).toBeNull();
  });

  it('takes a warning as the judgement too, with its author', () => {
    const t = timeline({ events: [{ type: 'warning-issued', at: at('09:30'), level: 'III', by: '办公室' }] });
    expect(t.states[1]?.judgement).toStrictEqual({ level: 'III', at: ms('09:30'), by: ['办公室'] });
    expect(t.states[1]?.warning).toStrictEqual({ level: 'III', at: ms('09:30') });
  });

  it('settles two judgements at one moment toward the more severe, whichever is read first', () => {
    // Read in content order: by "a" before by "b".
    const milderFirst = timeline({ events: [{ type: 'level-set', at: at('09:30'), level: 'I', by: 'b' }, { type: 'level-set', at: at('09:30'), level: 'II', by: 'a' }] });
    expect(milderFirst.states.at(-1)?.judgement).toStrictEqual({ level: 'I', at: ms('09:30'), by: ['b'] });
    expect(milderFirst.warnings).toStrictEqual([conflict(0, '级别')]);
    const severeFirst = timeline({ events: [{ type: 'level-set', at: at('09:30'), level: 'II', by: 'b' }, { type: 'level-set', at: at('09:30'), level: 'I', by: 'a' }] });
    expect(severeFirst.states.at(-1)?.judgement).toStrictEqual({ level: 'I', at: ms('09:30'), by: ['a'] });
    expect(severeFirst.warnings).toStrictEqual([conflict(0, '级别')]);
  });

  it('sees no contradiction in the same level twice, nor in a later, milder judgement', () => {
    const twice = timeline({ events: [{ type: 'level-set', at: at('09:30'), level: 'II', by: 'a' }, { type: 'level-set', at: at('09:30'), level: 'II', by: 'b' }] });
    expect(twice.warnings).toStrictEqual([]);
    expect(twice.states.at(-1)?.judgement).toStrictEqual({ level: 'II', at: ms('09:30'), by: ['b'] });
    const later = timeline({ events: [{ type: 'level-set', at: at('09:10'), level: 'II' }, { type: 'level-set', at: at('09:30'), level: 'III' }] });
    expect(later.warnings).toStrictEqual([]);
    expect(later.states.map((s) => s.judgement?.level ?? null)).toStrictEqual([null, 'II', 'III']);
  });
});

describe('indicators', () => {
  it('settles two values at one moment toward the more severe, whichever is read first', () => {
    const milderFirst = timeline({ events: [
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'extreme' }, by: 'b' },
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'low' }, by: 'a' },
    ] });
    expect(milderFirst.states.at(-1)?.indicators).toStrictEqual({ attention: 'extreme' });
    expect(milderFirst.warnings).toStrictEqual([conflict(0, '“attention”')]);
    const severeFirst = timeline({ events: [
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'low' }, by: 'b' },
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'extreme' }, by: 'a' },
    ] });
    expect(severeFirst.states.at(-1)?.indicators).toStrictEqual({ attention: 'extreme' });
    expect(severeFirst.warnings).toStrictEqual([conflict(0, '“attention”')]);
  });

  it('keeps the value read first for a name it has no order for (no fact table: a plan\'s own indicator)', () => {
    const t = timeline({ events: [
      { type: 'indicators-updated', at: at('09:30'), indicators: { mediaTier: 'local' } },
      { type: 'indicators-updated', at: at('09:30'), indicators: { mediaTier: 'central' } },
    ] });
    // Replayed in the order of their content: "central" before "local".
    expect(t.states.at(-1)?.indicators).toStrictEqual({ mediaTier: 'central' });
    expect(t.states.at(-1)?.given).toStrictEqual({ mediaTier: 'central' });
    expect(t.warnings).toStrictEqual([conflict(0, '“mediaTier”')]);
  });

  it('takes a change at discovery over the value given with the incident, and a later change over an earlier one', () => {
    const atDiscovery = timeline({ indicators: { attention: 'extreme', spread: 'fast' }, events: [{ type: 'indicators-updated', at: at('09:00'), indicators: { attention: 'low' } }] });
    expect(atDiscovery.states).toHaveLength(1);
    expect(atDiscovery.states[0]?.indicators).toStrictEqual({ attention: 'low', spread: 'fast' });
    expect(atDiscovery.warnings).toStrictEqual([]);
    const later = timeline({ events: [
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'high' } },
      { type: 'indicators-updated', at: at('09:40'), indicators: { attention: 'low' } },
    ] });
    expect(later.states.map((s) => s.indicators.attention ?? null)).toStrictEqual([null, 'high', 'low']);
    expect(later.warnings).toStrictEqual([]);
  });

  it('sees no contradiction in the same value twice at one moment', () => {
    const t = timeline({ events: [
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'high' }, by: 'a' },
      { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'high' }, by: 'b' },
    ] });
    expect(t.warnings).toStrictEqual([]);
    expect(t.states.at(-1)?.indicators).toStrictEqual({ attention: 'high' });
  });
});

describe('flags', () => {
  it('changes only the flags an update names', () => {
    const t = timeline({ flags: { massIncident: true }, events: [{ type: 'flags-updated', at: at('09:30'), flags: { falseReport: true } }] });
    expect(t.states[0]?.flags).toStrictEqual({ ...NO_FLAGS, massIncident: true });
    expect(t.states[1]?.flags).toStrictEqual({ ...NO_FLAGS, massIncident: true, falseReport: true });
  });

  it('settles a flag set and cleared at one moment toward set, whichever is read first', () => {
    const setFirst = timeline({ events: [
      { type: 'flags-updated', at: at('09:30'), flags: { massIncident: false }, by: 'b' },
      { type: 'flags-updated', at: at('09:30'), flags: { massIncident: true }, by: 'a' },
    ] });
    expect(setFirst.states.at(-1)?.flags).toStrictEqual({ ...NO_FLAGS, massIncident: true });
    expect(setFirst.warnings).toStrictEqual([conflict(0, '“massIncident”')]);
    const clearedFirst = timeline({ events: [
      { type: 'flags-updated', at: at('09:30'), flags: { massIncident: true }, by: 'b' },
      { type: 'flags-updated', at: at('09:30'), flags: { massIncident: false }, by: 'a' },
    ] });
    expect(clearedFirst.states.at(-1)?.flags).toStrictEqual({ ...NO_FLAGS, massIncident: true });
    expect(clearedFirst.warnings).toStrictEqual([conflict(0, '“massIncident”')]);
  });

  it('sees no contradiction in the same flag twice, nor in a change at discovery of the flag given with the incident', () => {
    const twice = timeline({ events: [
      { type: 'flags-updated', at: at('09:30'), flags: { mediaInquiry: true }, by: 'a' },
      { type: 'flags-updated', at: at('09:30'), flags: { mediaInquiry: true }, by: 'b' },
    ] });
    expect(twice.warnings).toStrictEqual([]);
    expect(twice.states.at(-1)?.flags).toStrictEqual({ ...NO_FLAGS, mediaInquiry: true });
    const atDiscovery = timeline({ flags: { massIncident: true }, events: [{ type: 'flags-updated', at: at('09:00'), flags: { massIncident: false } }] });
    expect(atDiscovery.warnings).toStrictEqual([]);
    expect(atDiscovery.states).toHaveLength(1);
    expect(atDiscovery.states[0]?.flags).toStrictEqual(NO_FLAGS);
  });
});

describe('states', () => {
  it('merges changes at one moment into one state, caused by the first event read', () => {
    const t = timeline({ events: [{ type: 'subsided', at: at('09:30') }, { type: 'indicators-updated', at: at('09:30'), indicators: { attention: 'low' } }] });
    expect(t.states).toHaveLength(2);
    // "indicators" sorts before "type", so the update is read first.
    expect(t.states[1]).toMatchObject({ at: ms('09:30'), subsided: true, indicators: { attention: 'low' }, cause: { type: 'indicators-updated', index: 1 } });
  });

  it('moves an event before discovery to the moment of discovery, where it becomes the cause', () => {
    const t = timeline({ events: [{ type: 'subsided', at: at('08:30') }] });
    expect(t.states).toHaveLength(1);
    expect(t.states[0]).toMatchObject({ at: ms('09:00'), subsided: true, cause: { type: 'subsided', index: 0 } });
  });

  it('applies events before discovery in their real order: a later downgrade, a cleared flag and a later judgement stand, with no contradiction', () => {
    const t = timeline({ events: [
      { type: 'indicators-updated', at: at('08:30'), indicators: { attention: 'low' } },
      { type: 'indicators-updated', at: at('08:10'), indicators: { attention: 'extreme' } },
      { type: 'flags-updated', at: at('08:40'), flags: { massIncident: false } },
      { type: 'flags-updated', at: at('08:20'), flags: { massIncident: true } },
      { type: 'level-set', at: at('08:50'), level: 'IV' },
      { type: 'level-set', at: at('08:15'), level: 'I' },
    ] });
    expect(t.states).toHaveLength(1);
    expect(t.states[0]).toMatchObject({ at: ms('09:00'), indicators: { attention: 'low' }, flags: NO_FLAGS, judgement: { level: 'IV', at: ms('09:00') } });
    expect(t.warnings).toStrictEqual([]);
  });

  it('still settles events at one real instant before discovery toward severity', () => {
    const t = timeline({ events: [
      { type: 'level-set', at: at('08:30'), level: 'IV', by: 'a' },
      { type: 'level-set', at: at('08:30'), level: 'II', by: 'b' },
      { type: 'indicators-updated', at: at('08:20'), indicators: { attention: 'extreme' }, by: 'b' },
      { type: 'indicators-updated', at: at('08:20'), indicators: { attention: 'low' }, by: 'a' },
    ] });
    expect(t.states[0]).toMatchObject({ indicators: { attention: 'extreme' }, judgement: { level: 'II' } });
    expect(t.warnings.map((w) => w.code)).toStrictEqual(['conflicting-events', 'conflicting-events']);
  });

  it('sees no contradiction between a change before discovery and another at discovery', () => {
    const t = timeline({ events: [
      { type: 'level-set', at: at('08:30'), level: 'I' },
      { type: 'level-set', at: at('09:00'), level: 'IV' },
    ] });
    expect(t.states[0]?.judgement?.level).toBe('IV');
    expect(t.warnings).toStrictEqual([]);
  });

  it('records end proposed, end approved and a lifted warning', () => {
    const t = timeline({ events: [
      { type: 'warning-issued', at: at('09:10'), level: 'II' },
      { type: 'warning-lifted', at: at('09:20') },
      { type: 'end-proposed', at: at('09:30') },
      { type: 'end-approved', at: at('09:40') },
    ] });
    expect(t.states.map((s) => [s.warning?.level ?? null, s.endProposed, s.ended])).toStrictEqual([
      [null, false, false],
      ['II', false, false],
      [null, false, false],
      [null, true, false],
      [null, true, true],
    ]);
  });
});

describe('events after now', () => {
  it('counts them and names the earliest; an event at now is due', () => {
    const t = timeline({ events: [{ type: 'verify', at: at('13:00') }, { type: 'verify', at: at('12:30') }, { type: 'verify', at: at('12:00') }] }, '12:00');
    expect(t.nextEventAt).toBe(ms('12:30'));
    expect(t.ignoredAfterNow).toBe(2);
    expect(t.steps.get('verify')).toStrictEqual([{ step: 'verify', at: ms('12:00'), index: 2 }]);
  });

  it('has no next event when none is after now', () => {
    const t = timeline({ events: [{ type: 'verify', at: at('09:30') }] });
    expect(t.nextEventAt).toBeNull();
    expect(t.ignoredAfterNow).toBe(0);
  });
});

describe('the language of the warnings', () => {
  it('words a warning in English on request, with the same code and path', () => {
    const events = [{ type: 'level-set', at: at('09:30'), level: 'III' }, { type: 'level-set', at: at('09:30'), level: 'I' }];
    expect(timeline({ events }, '12:00', 'en').warnings).toStrictEqual([
      { code: 'conflicting-events', path: ['events', 0], message: 'another event at the same moment says otherwise about the level; the more severe one stands (就高)' },
    ]);
    expect(timeline({ events }).warnings).toStrictEqual([conflict(0, '级别')]);
  });
});
