import { TextDecoder } from 'node:util';
// A small reader for the messages nodemailer writes: enough MIME to show the
// development mailbox and to let tests read what an SMTP server received.
// Not a general-purpose parser (no attachments, no nested encodings beyond
// multipart/* and the three transfer encodings nodemailer uses).

export interface ParsedMail {
  /** Lower-cased names; values unfolded and decoded (RFC 2047). */
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset);
  } catch {
    return new TextDecoder('utf-8');
  }
}

function quotedPrintableBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '_' && underscoreIsSpace) {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Decodes RFC 2047 encoded words; adjacent ones are joined first, since a character may span two. */
export function decodeHeaderValue(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  let out = '';
  let last = 0;
  let charset: string | null = null;
  let bytes: Buffer[] = [];
  const flush = () => {
    if (charset !== null) out += decoderFor(charset).decode(Buffer.concat(bytes));
    charset = null;
    bytes = [];
  };
  for (const m of joined.matchAll(ENCODED_WORD)) {
    const [whole, wordCharset, encoding, payload] = m;
    const start = m.index ?? 0;
    if (start > last) {
      flush();
      out += joined.slice(last, start);
    }
    const cs = wordCharset.toLowerCase().split('*')[0];
    if (charset !== cs) flush();
    charset = cs;
    bytes.push(
      encoding.toUpperCase() === 'B'
        ? Buffer.from(payload, 'base64')
        : quotedPrintableBytes(payload, true),
    );
    last = start + whole.length;
  }
  flush();
  return out + joined.slice(last);
}

function splitPart(raw: string): Part {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = decodeHeaderValue(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function parameter(header: string | undefined, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(header ?? '');
  return m?.[1];
}

function decodeBody(part: Part): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const charset = parameter(part.headers['content-type'], 'charset') ?? 'utf-8';
  const bytes =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintableBytes(part.body, false)
        : Buffer.from(part.body, 'utf8');
  return decoderFor(charset).decode(bytes);
}

function leaves(part: Part, depth = 0): Part[] {
  const type = (part.headers['content-type'] ?? 'text/plain').toLowerCase();
  const boundary = parameter(part.headers['content-type'], 'boundary');
  if (!type.startsWith('multipart/') || !boundary || depth > 5) return [part];
  const sections = part.body.split(`--${boundary}`);
  // Before the first delimiter is the preamble; after the closing one ("--…--"), the epilogue.
  return (
    sections
      .slice(1)
      .filter((s) => !s.startsWith('--'))
      // The line break before a delimiter belongs to the delimiter (RFC 2046).
      .flatMap((s) => leaves(splitPart(s.replace(/^[ \t]*\n/, '').replace(/\n$/, '')), depth + 1))
  );
}

export function parseEml(raw: string | Buffer): ParsedMail {
  const message = splitPart(typeof raw === 'string' ? raw : raw.toString('utf8'));
  let text: string | null = null;
  let html: string | null = null;
  for (const leaf of leaves(message)) {
    const type = (leaf.headers['content-type'] ?? 'text/plain').toLowerCase();
    if (text === null && type.startsWith('text/plain')) text = decodeBody(leaf);
    if (html === null && type.startsWith('text/html')) html = decodeBody(leaf);
  }
  return { headers: message.headers, text, html };
}

/** Headers only, for listings. */
export function parseEmlHeaders(raw: string | Buffer): Record<string, string> {
  return splitPart(typeof raw === 'string' ? raw : raw.toString('utf8')).headers;
}
