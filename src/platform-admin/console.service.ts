import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../infrastructure/database/database';
import { hashPassword, spendVerificationTime, verifyPassword } from '../identity/passwords';
import { setTenantStatus, UnknownTenantError } from '../tenancy/provisioning/tenant-status';
import { TenantRegistry } from '../tenancy/resolution/tenant-registry';
import type { Staff } from './staff-session';

export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  kind: string;
  status: 'active' | 'suspended';
  hosts: string[];
  members: number;
  pending: number;
  sessions: number;
}

/** What platform staff may see and do: every tenant's vitals, never a member's data. */
@Injectable()
export class ConsoleService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TenantRegistry) private readonly registry: TenantRegistry,
  ) {}

  async authenticate(email: string, password: string): Promise<Staff | null> {
    const rows = (await this.db.app.query(
      `SELECT id, email, name, password_hash FROM platform_staff WHERE lower(email) = lower($1)`,
      [email],
    )) as (Staff & { password_hash: string })[];
    const staff = rows[0];
    if (!staff) {
      await spendVerificationTime(password);
      return null;
    }
    if (!(await verifyPassword(staff.password_hash, password))) return null;
    return { id: staff.id, email: staff.email, name: staff.name };
  }

  /** Counts come from each tenant's own RLS context (tenant_member_counts), in one round trip. */
  async tenants(): Promise<TenantSummary[]> {
    const rows = (await this.db.app.transaction((em) =>
      em.query(
        `SELECT t.id, t.slug, t.name, t.kind, t.status,
                c.members::int AS members, c.pending::int AS pending, c.sessions::int AS sessions,
                ARRAY(SELECT d.hostname FROM tenant_domains d
                       WHERE d.tenant_id = t.id ORDER BY d.kind DESC, d.hostname) AS hosts
           FROM tenant_member_counts() c JOIN tenants t ON t.id = c.tenant_id
          ORDER BY t.slug`,
      ),
    )) as TenantSummary[];
    return rows;
  }

  /** Suspends or reactivates; false when there is no such tenant. */
  async setStatus(
    tenantId: string,
    status: 'active' | 'suspended',
    staff: Staff,
  ): Promise<boolean> {
    try {
      const change = await setTenantStatus(this.db, tenantId, status, `staff:${staff.email}`);
      await this.registry.invalidate(change);
      return true;
    } catch (err) {
      if (err instanceof UnknownTenantError) return false;
      throw err;
    }
  }
}

/** Creates a staff account (demo seed, `npm run staff:add`); returns false if the email exists. */
export async function addStaff(
  db: Database,
  staff: { email: string; name: string; password: string },
): Promise<boolean> {
  const hash = await hashPassword(staff.password);
  return db.privileged(async (em) => {
    const rows = (await em.query(
      `INSERT INTO platform_staff (email, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [staff.email, staff.name, hash],
    )) as unknown[];
    return rows.length > 0;
  });
}
