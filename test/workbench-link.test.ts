import { describe, expect, it } from 'vitest';
import { decodeBase64Url, decodeLink, encodeBase64Url, encodeLink, LinkError } from '../workbench/src/link';

describe('workbench link: base64url of UTF-8', () => {
  it('encodes Chinese text as base64url without padding, and back', () => {
    const text = '{"id":"舆情-1","note":"网民关注度高"}';
    const encoded = encodeBase64Url(text);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded).not.toContain('=');
    expect(decodeBase64Url(encoded)).toBe(text);
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(Buffer.from('>?~').toString('base64')).toBe('Pj9+');
    expect(encodeBase64Url('>?~')).toBe('Pj9-');
    expect(Buffer.from('???').toString('base64')).toBe('Pz8/');
    expect(encodeBase64Url('???')).toBe('Pz8_');
    expect(decodeBase64Url('Pz8_')).toBe('???');
  });

  it('decodes with padding too', () => {
    expect(decodeBase64Url('YQ==')).toBe('a');
    expect(decodeBase64Url('YQ')).toBe('a');
    expect(decodeBase64Url(Buffer.from('事件').toString('base64'))).toBe('事件');
  });

  it('refuses text that is neither base64url nor base64, and bytes that are not UTF-8, with a Chinese message', () => {
    expect(() => decodeBase64Url('a*b!')).toThrow(LinkError);
    expect(() => decodeBase64Url('YQ===')).toThrow(LinkError);
    expect(() => decodeBase64Url('Y=Q=')).toThrow(/不是有效的 base64url/);
    expect(() => decodeBase64Url('a+b/')).toThrow(/UTF-8/);
    expect(() => decodeBase64Url('abcde')).toThrow(/base64url/);
    expect(() => decodeBase64Url('_w')).toThrow(/UTF-8/);
  });

  it('also reads standard base64 (+ and /), with or without padding, as hosts and people paste it', () => {
    const text = '{"note":">?~ ???","title":"网民关注"}';
    const standard = Buffer.from(text).toString('base64');
    expect(standard).toMatch(/[+/]/);
    expect(standard).toMatch(/=$/);
    expect(decodeBase64Url(standard)).toBe(text);
    expect(decodeBase64Url(standard.replace(/=+$/, ''))).toBe(text);
    expect(decodeBase64Url('Pj9+')).toBe('>?~');
    expect(decodeBase64Url('Pz8/')).toBe('???');
  });

  it('reads base64 wrapped over lines, and a + that some tool turned into a space', () => {
    const text = '舆情'.repeat(40);
    const standard = Buffer.from(text).toString('base64');
    expect(decodeBase64Url(standard.replace(/(.{76})/g, '$1\r\n'))).toBe(text);
    expect(decodeBase64Url('Pj9 Pz8/')).toBe('>?~???');
  });

  it('encodes a long text (more than one slice of bytes)', () => {
    const long = '舆'.repeat(40_000);
    expect(decodeBase64Url(encodeBase64Url(long))).toBe(long);
  });
});

describe('workbench link: the fragment', () => {
  const incident = { id: 'inc-1', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' }, events: [] };

  it('writes plan, now and the incident in the contract format, the offset readable', () => {
    const hash = encodeLink({ plan: 'city-drill', now: '2026-03-02T09:10:00+08:00', incident });
    expect(hash).toBe(`plan=city-drill&now=2026-03-02T09:10:00+08:00&incident=${Buffer.from(JSON.stringify(incident)).toString('base64url')}`);
  });

  it('reads back what it wrote, with or without #', () => {
    const hash = encodeLink({ plan: 'hrss', now: '2026-03-02T09:10:00+08:00', incident });
    for (const text of [hash, `#${hash}`]) {
      const parts = decodeLink(text);
      expect(parts.plan).toBe('hrss');
      expect(parts.now).toBe('2026-03-02T09:10:00+08:00');
      expect(JSON.parse(parts.incident!)).toEqual(incident);
    }
  });

  it('reads a percent-encoded offset, and a + some tool turned into a space', () => {
    expect(decodeLink('now=2026-03-02T09%3A10%3A00%2B08%3A00').now).toBe('2026-03-02T09:10:00+08:00');
    expect(decodeLink('now=2026-03-02T09:10:00%2008:00').now).toBe('2026-03-02T09:10:00+08:00');
    expect(decodeLink('now=2026-03-02T09:10:00-05:00').now).toBe('2026-03-02T09:10:00-05:00');
  });

  it('reads a padded incident, ignores unknown parts and leaves absent parts absent', () => {
    const padded = Buffer.from('{"id":"a"}').toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    expect(decodeLink(`incident=${padded}&x=1`)).toEqual({ incident: '{"id":"a"}' });
    const standard = Buffer.from('{"n":">?~"}').toString('base64');
    expect(standard).toContain('+');
    expect(decodeLink(`plan=hrss&incident=${standard}`)).toEqual({ plan: 'hrss', incident: '{"n":">?~"}' });
    expect(decodeLink(`incident=${encodeURIComponent(standard)}`)).toEqual({ incident: '{"n":">?~"}' });
    expect(decodeLink('')).toEqual({});
  });

  it('reports a broken incident or a bad escape as a LinkError naming the part', () => {
    expect(() => decodeLink('plan=a&incident=***')).toThrow(/incident/);
    expect(() => decodeLink('plan=%E0%A4%A')).toThrow(LinkError);
    expect(() => decodeLink('plan=%E0%A4%A')).toThrow(/plan/);
  });
});
