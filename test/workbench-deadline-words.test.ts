import { describe, expect, it } from 'vitest';
import { anchorWords, deadlineWords, durationWords } from '../workbench/src/deadline-words';

describe('workbench deadline words', () => {
  it('writes ISO 8601 durations in Chinese', () => {
    expect(durationWords('PT30M')).toBe('30 分钟');
    expect(durationWords('PT12H')).toBe('12 小时');
    expect(durationWords('P1DT2H')).toBe('1 天 2 小时');
    expect(durationWords('P5D', true)).toBe('5 个工作日');
    expect(durationWords('P1M')).toBe('1 个月');
    expect(durationWords('P1Y2M')).toBe('1 年 2 个月');
    expect(durationWords('P2W')).toBe('2 周');
    expect(durationWords('PT1H30M')).toBe('1 小时 30 分钟');
    expect(durationWords('PT0.5H')).toBe('0.5 小时');
  });

  it('leaves text that is not a duration as it is', () => {
    for (const text of ['P', 'PT', '30M', 'P1X', 'PT5Q', 'P1DT']) expect(durationWords(text)).toBe(text);
  });

  it('says where the clock starts', () => {
    expect(anchorWords('occurredAt', undefined)).toBe('发生后');
    expect(anchorWords('discoveredAt', undefined)).toBe('发现后');
    expect(anchorWords('levelSet', undefined)).toBe('定级后');
    expect(anchorWords('arisen', undefined)).toBe('');
    expect(anchorWords(undefined, ['a'])).toBe('前序事项完成后');
    expect(anchorWords({ event: 'verify' }, undefined, (id) => (id === 'verify' ? '核实情况' : id))).toBe('「核实情况」后');
    expect(anchorWords({ done: 'report-office' }, undefined)).toBe('「report-office」完成后');
  });

  it('writes a rule’s deadline as a plan reads', () => {
    expect(deadlineWords({ anchor: 'discoveredAt', offset: 'PT30M' })).toBe('发现后 30 分钟内');
    expect(deadlineWords({ anchor: 'occurredAt', offset: 'PT12H' })).toBe('发生后 12 小时内');
    expect(deadlineWords({ anchor: 'arisen', offset: 'P5D', workingDays: true })).toBe('5 个工作日内');
    expect(deadlineWords({ immediate: true, offset: null })).toBe('第一时间');
    expect(deadlineWords({ offset: null })).toBe('无固定时限');
    expect(deadlineWords({ continuous: true, until: 'subsided' })).toBe('持续至平息');
    expect(deadlineWords({ continuous: true, until: 'ended' })).toBe('持续至应急结束');
    expect(deadlineWords({ continuous: true })).toBe('持续');
  });

  it('adds soft deadlines, hard limits and repetition', () => {
    expect(deadlineWords({ anchor: 'discoveredAt', offset: 'PT1H', soft: true, latest: 'PT2H' })).toBe('原则上 发现后 1 小时内，最迟 2 小时内');
    expect(deadlineWords({ offset: 'P1D', every: 'P1D' })).toBe('1 天内，此后每 1 天一次');
  });
});
