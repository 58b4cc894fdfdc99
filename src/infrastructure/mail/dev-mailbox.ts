import { Router, type Request, type Response } from 'express';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { parseEml, parseEmlHeaders } from './eml';
import { mailDir } from './mail-transport';

// The names FileTransport writes; anything else (a path, "..", a dotfile) is not a message.
const MESSAGE_FILE = /^[A-Za-z0-9][A-Za-z0-9@._+-]{0,200}\.eml$/;
const LIST_LIMIT = 200;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

async function listMessages(dir: string): Promise<{ file: string; mtime: Date }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files = await Promise.all(
    names
      .filter((n) => MESSAGE_FILE.test(n))
      .map(async (file) => ({ file, mtime: (await stat(join(dir, file))).mtime })),
  );
  // Newest first; names start with a timestamp, which breaks ties within one millisecond.
  return files
    .sort((a, b) => b.mtime.getTime() - a.mtime.getTime() || b.file.localeCompare(a.file))
    .slice(0, LIST_LIMIT);
}

function notFound(res: Response): void {
  res.status(404).type('text/plain').send('Not found\n');
}

/**
 * The development mailbox: what FileTransport wrote under `<dataDir>/mail/`.
 * Mount it on the embedded default only (it shows every tenant's mail).
 * `GET /` lists the messages; `GET /:file` is the raw message, `?view=text`
 * its plain-text part, `?view=html` its HTML part in a sandbox.
 */
export function devMailboxRouter(dataDir: string): Router {
  const dir = resolve(mailDir(dataDir));
  const router = Router();

  router.get('/', async (req: Request, res: Response) => {
    const messages = await listMessages(dir);
    const rows = await Promise.all(
      messages.map(async ({ file, mtime }) => {
        const headers = parseEmlHeaders(await readFile(join(dir, file)));
        const href = `${req.baseUrl}/${encodeURIComponent(file)}`;
        return (
          `<tr><td><time datetime="${mtime.toISOString()}">${escapeHtml(mtime.toISOString())}</time></td>` +
          `<td>${escapeHtml(headers.to ?? '')}</td>` +
          `<td><a href="${escapeHtml(href)}?view=html">${escapeHtml(headers.subject ?? '(no subject)')}</a></td>` +
          `<td><a href="${escapeHtml(href)}?view=text">text</a> · <a href="${escapeHtml(href)}">raw</a></td></tr>`
        );
      }),
    );
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('html')
      .send(
        `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Development mailbox</title></head>\n` +
          `<body><h1>Development mailbox</h1>\n` +
          `<p>${messages.length} message(s) written to ${escapeHtml(dir)}, newest first. Mail is delivered here only when SMTP_URL is unset.</p>\n` +
          (rows.length
            ? `<table><thead><tr><th>Written</th><th>To</th><th>Subject</th><th>Source</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>\n`
            : `<p>No mail yet.</p>\n`) +
          `</body></html>\n`,
      );
  });

  router.get('/:file', async (req: Request, res: Response) => {
    const file = String(req.params.file);
    const path = join(dir, file);
    if (!MESSAGE_FILE.test(file) || !path.startsWith(dir + sep)) return notFound(res);
    let raw: Buffer;
    try {
      raw = await readFile(path);
    } catch {
      return notFound(res);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const view = req.query.view;
    if (view === 'html') {
      const html = parseEml(raw).html;
      if (html === null) return notFound(res);
      // The message's own markup, with no scripts, forms or same-origin access.
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; sandbox allow-popups allow-popups-to-escape-sandbox",
      );
      res.type('html').send(html);
      return;
    }
    const body = view === 'text' ? parseEml(raw).text : raw.toString('utf8');
    if (body === null) return notFound(res);
    res.type('text/plain; charset=utf-8').send(body);
  });

  return router;
}
