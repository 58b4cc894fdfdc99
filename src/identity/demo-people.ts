import type { Logger } from 'pino';
import type { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { addStaff } from '../platform-admin/console.service';
import { hashPassword } from './passwords';
import type { Role } from './user';
import { usersRepository } from './users.repository';

export const DEMO_PASSWORD = 'guidepost-demo';

// Fictional people, a few per language, so every demo programme looks alive.
const PEOPLE: Record<string, { mentors: string[]; founders: string[]; country: string }> = {
  en: {
    mentors: ['Grace Okafor', 'Tom Lindqvist', 'Priya Raman', 'Daniel Mensah'],
    founders: ['Amara Nwosu', 'Luis Ortega', 'Sophie Turner', 'Kwame Asante'],
    country: 'GB',
  },
  fr: {
    mentors: ['Claire Dubois', 'Marc Lefèvre', 'Awa Diop', 'Julien Moreau'],
    founders: ['Fatou Ndiaye', 'Hugo Bernard', 'Inès Haddad', 'Paul Girard'],
    country: 'FR',
  },
  es: {
    mentors: ['María Fernández', 'Jorge Ramírez', 'Lucía Herrera', 'Andrés Castillo'],
    founders: ['Valentina Rojas', 'Diego Morales', 'Camila Torres', 'Mateo Vargas'],
    country: 'CO',
  },
  ar: {
    mentors: ['ليلى حداد', 'عمر الخطيب', 'سارة منصور', 'خالد العلي'],
    founders: ['نور السيد', 'يوسف قاسم', 'هدى سليمان', 'أحمد ناصر'],
    country: 'JO',
  },
  id: {
    mentors: ['Siti Rahayu', 'Budi Santoso', 'Dewi Lestari', 'Agus Wijaya'],
    founders: ['Rina Kartika', 'Eko Prasetyo', 'Maya Sari', 'Joko Susilo'],
    country: 'ID',
  },
};

interface DemoTenant {
  id: string;
  slug: string;
  locale: string;
}

/**
 * Demo accounts for every tenant that has no members yet: admin@, mentor@
 * and founder@<slug>.example plus a few more people, all with the password
 * `guidepost-demo`, email already confirmed. Only the embedded default (or
 * DEMO_DATA=true) calls this; production never gets demo accounts by accident.
 */
export async function seedDemoPeople(db: Database, logger: Logger): Promise<number> {
  const tenants = (await db.app.query(
    `SELECT t.id, t.slug, v.config->'locale'->>'default' AS locale
       FROM tenants t JOIN tenant_config_versions v ON v.tenant_id = t.id AND v.version = t.config_version`,
  )) as DemoTenant[];
  const passwordHash = await hashPassword(DEMO_PASSWORD); // one hash for every demo account
  let created = 0;
  for (const tenant of tenants) {
    created += await runInTenant(db, tenant.id, async (em) => {
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM users`)) as { n: number }[];
      if (n > 0) return 0;
      const people = PEOPLE[tenant.locale] ?? PEOPLE.en;
      const domain = `${tenant.slug}.example`;
      const accounts: { email: string; name: string; roles: Role[] }[] = [
        { email: `admin@${domain}`, name: `${people.mentors[3]} (admin)`, roles: ['admin'] },
        { email: `mentor@${domain}`, name: people.mentors[0], roles: ['mentor'] },
        { email: `founder@${domain}`, name: people.founders[0], roles: ['entrepreneur'] },
        ...people.mentors.slice(1, 3).map((name, i) => ({
          email: `mentor${i + 2}@${domain}`,
          name,
          roles: ['mentor'] as Role[],
        })),
        ...people.founders.slice(1).map((name, i) => ({
          email: `founder${i + 2}@${domain}`,
          name,
          roles: ['entrepreneur'] as Role[],
        })),
      ];
      for (const account of accounts) {
        await usersRepository.insert(em, tenant.id, {
          ...account,
          passwordHash,
          locale: tenant.locale,
          country: people.country,
          status: 'active',
          verified: true,
        });
      }
      return accounts.length;
    });
  }
  // The platform's own demo staff account, for the console at admin.<platform domain>.
  if (
    await addStaff(db, {
      email: 'staff@guidepost.example',
      name: 'Guidepost Staff',
      password: DEMO_PASSWORD,
    })
  ) {
    created += 1;
  }
  if (created > 0) logger.info({ created }, 'demo people created');
  return created;
}
