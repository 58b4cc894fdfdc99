import { isEmail } from 'class-validator';
import type { Role } from '../identity/user';

/** Roles a person can be invited to by CSV or the single form. */
export const INVITABLE_ROLES = ['entrepreneur', 'mentor'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export const MAX_INVITATION_ROWS = 200;

/** One line of an invitation request: what was asked for, or why it cannot be. */
export type InvitationRow =
  | { line: number; email: string; kind: 'ok'; roles: Role[] }
  | { line: number; email: string; kind: 'invalid_email' | 'invalid_role' };

// An address the outbox can deliver: no display name, nothing a header could be split on.
const DELIVERABLE = /^[^\s@<>",;:()[\]\\]+@[^\s@<>",;:()[\]\\]+\.[^\s@<>",;:()[\]\\]+$/;

export function isInvitableEmail(email: string): boolean {
  return email.length <= 254 && DELIVERABLE.test(email) && isEmail(email);
}

/** The cells of one CSV line: commas separate, double quotes may wrap a cell ("" is a quote). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';' || ch === '\t') {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

export function rowFor(line: number, email: string, roles: string[]): InvitationRow {
  if (!isInvitableEmail(email)) return { line, email, kind: 'invalid_email' };
  const wanted = [...new Set(roles.map((r) => r.toLowerCase()))];
  if (
    wanted.length === 0 ||
    !wanted.every((r) => (INVITABLE_ROLES as readonly string[]).includes(r))
  )
    return { line, email, kind: 'invalid_role' };
  return { line, email, kind: 'ok', roles: wanted as Role[] };
}

/**
 * Pasted CSV, `email,role` per line (role: entrepreneur or mentor; `mentor+entrepreneur`
 * for both); a first line whose first cell is `email` is a header. Blank lines are
 * skipped; line numbers are the ones the person sees. Null when there are too many rows.
 */
export function parseInvitationCsv(text: string): InvitationRow[] | null {
  const lines = text.split(/\r\n|\r|\n/);
  const rows: InvitationRow[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const [email = '', role = ''] = cells(raw);
    if (rows.length === 0 && index === lines.findIndex((l) => l.trim() !== '')) {
      if (email.toLowerCase() === 'email') return;
    }
    rows.push(
      rowFor(
        index + 1,
        email,
        role
          .split('+')
          .map((r) => r.trim())
          .filter(Boolean),
      ),
    );
  });
  return rows.length > MAX_INVITATION_ROWS ? null : rows;
}
