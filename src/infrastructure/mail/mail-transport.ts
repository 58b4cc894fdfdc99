import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/app-config';

export interface MailAddress {
  name: string;
  address: string;
}

/** One rendered message, ready for the wire. */
export interface MailMessage {
  from: MailAddress;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Stable per outbox row, so a message re-sent after a crash can be recognised as the same one. */
  messageId?: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** Resolves once the message is accepted (by the server, or on disk); rejects otherwise. */
  send(msg: MailMessage): Promise<void>;
  close(): Promise<void>;
}

function composeOptions(msg: MailMessage): SendMailOptions {
  return {
    from: msg.from,
    to: msg.to,
    replyTo: msg.replyTo,
    subject: msg.subject,
    text: msg.text,
    html: msg.html,
    headers: msg.headers,
    messageId: msg.messageId,
  };
}

/** Production: SMTP_URL, through a small pool of reused connections. */
export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 2,
      // nodemailer waits up to 2 minutes by default; a dead server should fail a batch fast.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    });
  }

  async send(msg: MailMessage): Promise<void> {
    await this.transporter.sendMail(composeOptions(msg));
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

export function mailDir(dataDir: string): string {
  return join(dataDir, 'mail');
}

/** The embedded default: each message becomes an RFC 822 `.eml` file under `<DATA_DIR>/mail/`. */
export class FileTransport implements MailTransport {
  readonly kind = 'file';
  private readonly composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = mailDir(dataDir);
  }

  async send(msg: MailMessage): Promise<void> {
    const info = await this.composer.sendMail(composeOptions(msg));
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const who = msg.to.replace(/[^A-Za-z0-9@._+-]/g, '_').slice(0, 80);
    const name = `${stamp}-${who}-${randomBytes(3).toString('hex')}.eml`;
    // Written aside then renamed, so the mailbox page never lists half a file.
    const partial = join(this.dir, `.${name}.tmp`);
    await writeFile(partial, info.message as Buffer);
    await rename(partial, join(this.dir, name));
  }

  async close(): Promise<void> {}
}

/** SMTP when SMTP_URL is set; otherwise `.eml` files (the embedded default, or a forgotten setting, which is logged). */
export function createMailTransport(config: AppConfig, logger: Logger): MailTransport {
  if (config.smtpUrl) return new SmtpTransport(config.smtpUrl);
  if (config.database.kind === 'postgres' || config.env === 'production') {
    logger.warn(
      { dir: mailDir(config.dataDir) },
      'SMTP_URL is not set: mail is written to files and not delivered',
    );
  }
  return new FileTransport(config.dataDir);
}
