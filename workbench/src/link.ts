// The shared link: index.html#plan=<bundled plan id>&now=<ISO 8601 with offset>&incident=<base64url of the incident JSON, UTF-8>.

/** A link part that cannot be read, with the Chinese message the page shows. */
export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkError';
  }
}

/** UTF-8 text as base64url without padding (RFC 4648 §5). */
export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // In slices: String.fromCharCode with too many arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * base64url or standard base64 (`-_` or `+/`, with or without padding; line breaks ignored, a space read as
 * the `+` some tool turned into one) back to UTF-8 text; LinkError when it is neither or not UTF-8.
 */
export function decodeBase64Url(encoded: string): string {
  const body = encoded.trim().replace(/[\r\n]+/g, '').replace(/ /g, '+');
  if (!/^[A-Za-z0-9_+/-]*={0,2}$/.test(body) || body.replace(/=+$/, '').length % 4 === 1) {
    throw new LinkError('分享链接的 incident 部分不是有效的 base64url（或 base64）编码');
  }
  const unpadded = body.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkError('分享链接的 incident 部分解码后不是 UTF-8 文本');
  }
}

/** What a link names: each part present or absent. */
export interface LinkParts {
  plan?: string;
  now?: string;
  /** The incident's JSON text (the page parses it with the library's parseDocument, for its Chinese messages). */
  incident?: string;
}

/** A link part's value written readably: percent-encoded except the characters a timestamp and an id use. */
const part = (value: string): string => encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2B/gi, '+');

/** The fragment (without `#`) of a link to a plan, a moment and an incident. */
export function encodeLink(parts: { plan: string; now: string; incident: unknown }): string {
  return `plan=${part(parts.plan)}&now=${part(parts.now)}&incident=${encodeBase64Url(JSON.stringify(parts.incident))}`;
}

/** Percent-decoding that reports a bad escape as a LinkError. */
function unescapePart(name: string, value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new LinkError(`分享链接的 ${name} 部分含有无效的百分号编码：${value.slice(0, 40)}`);
  }
}

/**
 * Reads a link's fragment (with or without `#`). A `+` stays a plus (an offset, not a space); a space
 * before an offset (a `+` some tool decoded as a space) is read as the plus it was. Unknown parts are
 * ignored; an incident that is not base64url (or base64) of UTF-8 text is a LinkError with a Chinese message.
 */
export function decodeLink(hash: string): LinkParts {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const parts: LinkParts = {};
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = eq === -1 ? piece : piece.slice(0, eq);
    const raw = eq === -1 ? '' : piece.slice(eq + 1);
    if (name === 'plan') parts.plan = unescapePart('plan', raw);
    else if (name === 'now') parts.now = unescapePart('now', raw).replace(/ (\d{2}:?\d{2})$/, '+$1');
    else if (name === 'incident') parts.incident = decodeBase64Url(unescapePart('incident', raw));
  }
  return parts;
}
