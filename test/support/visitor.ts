import request from 'supertest';
import type { TestApp } from './test-app';

/**
 * One person with one browser on one host: keeps cookies, reads the CSRF
 * token from the last form page, posts forms like a browser would.
 */
export class Visitor {
  readonly agent: ReturnType<typeof request.agent>;
  csrf = '';

  constructor(
    private readonly t: TestApp,
    readonly host: string,
  ) {
    this.agent = request.agent(t.app.getHttpServer());
  }

  async get(path: string, expectStatus?: number) {
    const res = await this.agent.get(path).set('Host', this.host);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (token) this.csrf = token;
    if (expectStatus !== undefined && res.status !== expectStatus) {
      throw new Error(`GET ${path} on ${this.host}: ${res.status}\n${res.text.slice(0, 500)}`);
    }
    return res;
  }

  /** Posts a form with the current CSRF token (unless `_csrf` is given explicitly). */
  async post(path: string, fields: Record<string, string>) {
    return this.agent
      .post(path)
      .set('Host', this.host)
      .type('form')
      .send({ _csrf: this.csrf, ...fields });
  }

  /** Posts a form whose fields may repeat (checkbox groups, numbered selects), with the CSRF token. */
  async postForm(path: string, fields: [string, string][]) {
    const body = new URLSearchParams([['_csrf', this.csrf], ...fields]);
    return this.agent.post(path).set('Host', this.host).type('form').send(body.toString());
  }

  /** Opens the form page first, like a person would, then submits it. */
  async submit(formPath: string, fields: Record<string, string>, action = formPath) {
    await this.get(formPath);
    return this.post(action, fields);
  }

  sessionCookie(): string | undefined {
    const jar = (
      this.agent as unknown as { jar: { getCookies(a: object): { name: string; value: string }[] } }
    ).jar;
    return jar
      .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
      .find((c) => c.name === 'gp_sid')?.value;
  }

  /** Signs up and confirms the address by the emailed link, like a new member would. */
  async signUp(
    fields: Partial<Record<'name' | 'email' | 'password' | 'locale' | 'country', string>> & {
      as?: 'entrepreneur' | 'mentor';
    },
  ) {
    const { as = 'entrepreneur', ...rest } = fields;
    return this.submit(
      `/signup?as=${as}`,
      {
        name: 'Ana Test',
        password: 'a long enough passphrase',
        country: 'MX',
        locale: 'en',
        acceptTerms: 'on',
        confirmAge: 'on',
        ...(as === 'mentor' ? { asMentor: 'on' } : { asEntrepreneur: 'on' }),
        ...rest,
      } as Record<string, string>,
      '/signup',
    );
  }
}

/** The link in the newest mail of a template sent to `to` (read from the outbox as the owner). */
export async function lastMailLink(t: TestApp, to: string, template: string): Promise<string> {
  const rows = await t.db.ownerQuery<{ link: string }>(
    `SELECT data->>'link' AS link FROM mail_outbox
      WHERE lower(recipient) = lower($1) AND template = $2 ORDER BY created_at DESC LIMIT 1`,
    [to, template],
  );
  if (!rows[0]) throw new Error(`no ${template} mail to ${to}`);
  return rows[0].link;
}
