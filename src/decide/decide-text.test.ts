import { describe, expect, it } from 'vitest';
import { joined, offsetZh } from './decide.js';

describe('the texts of a decision', () => {
  it('writes an offset in Chinese, unit by unit, largest first', () => {
    expect(offsetZh('PT2H', false)).toBe('2 小时');
    expect(offsetZh('P1DT12H', false)).toBe('1 天 12 小时');
    expect(offsetZh('P1Y2M3W4DT5H6M7S', false)).toBe('1 年 2 个月 3 周 4 天 5 小时 6 分钟 7 秒');
    expect(offsetZh('P3D', true)).toBe('3 个工作日');
  });

  it('joins the texts of a list as map and join would', () => {
    expect(joined([], (x: string) => x, '、')).toBe('');
    expect(joined(['a'], (x) => `“${x}”`, '、')).toBe('“a”');
    expect(joined(['a', 'b', 'c'], (x) => x.toUpperCase(), ', ')).toBe('A, B, C');
  });
});
