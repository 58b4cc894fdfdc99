import { createHash } from 'node:crypto';
import type { LocaleCode } from '../src/branding/theme-contract';
import { EVERYONE, foldForSearch } from '../src/profiles/profile';
import { utcOffsetMinutes } from '../src/profiles/places';
import { TAXONOMY } from '../src/profiles/taxonomy-data';
import type { SearchFilters } from '../src/matching/matching.repository';
import type { TenantBundle } from '../src/tenancy/config/tenant-bundle';
import { tenantConfigSchema } from '../src/tenancy/config/tenant-config.schema';

// Synthetic programmes for bench/matching.bench.ts: tenant bundles, and the
// SQL that fills a tenant with mentors, entrepreneurs, requests and blocks.
// Rows are generated inside the database (generate_series, INSERT … SELECT)
// with realistic skews: a few expertise codes, industries, countries and
// words are far more common than the rest, as in real programmes.

/** Owner-level SQL. With a tenant, the statement runs in one transaction scoped to it. */
export interface OwnerSql {
  exec(sql: string, params?: unknown[], tenantId?: string): Promise<Record<string, unknown>[]>;
  /**
   * The plans of the statements run inside functions called by `sql` (search
   * runs in a plpgsql function, whose plan EXPLAIN does not show), as JSON
   * documents from auto_explain; undefined where auto_explain is unavailable.
   */
  nestedPlans?(sql: string, params: unknown[], tenantId: string): Promise<unknown[]>;
}

export interface TenantPlan {
  slug: string;
  lang: LocaleCode;
  locales: LocaleCode[];
  mentors: number;
  entrepreneurs: number;
  /** 4–8 country codes, the first the most common. */
  countries: string[];
}

// ---------------------------------------------------------------------------
// Reference data: words, names, places. Most frequent first where it matters.

const words = (text: string) => text.trim().split(/\s+/).map(foldForSearch);

/** Business vocabulary per language, roughly by frequency (function words first). */
const VOCABULARY: Record<LocaleCode, string[]> = {
  en: words(`
    and the of to in for with my small business businesses help helping years experience
    owners founders growth team customers market local have been work working companies company
    startups startup entrepreneurs women young rural sales marketing finance financial management
    strategy product products services service plan planning build building scale scaling clients
    digital online retail food coffee farm farming export trade supply chain logistics pricing
    costs cash flow loans credit investors funding grants bank banking accounting bookkeeping tax
    legal contracts compliance registration brand branding social media content website ecommerce
    software data analytics technology mobile payments fintech agriculture agribusiness
    manufacturing textile fashion crafts tourism hotel restaurant catering bakery beauty health
    clinic pharmacy education training school coaching leadership hiring people culture operations
    quality inventory production factory energy solar water waste recycling sustainability impact
    community cooperative microfinance partnerships negotiation acquisition retention research
    consumer wholesale distribution import regional international africa latin america asia europe
    former director manager consultant advisor engineer accountant lawyer banker professor ceo cfo
    coo head senior partner owner family generation mentor mentoring passionate love enjoy proven
    record launched grew sold exited raised million revenue profitable turnaround lean agile mvp
    prototype validation pitch deck`),
  es: words(`
    de la y en el para con los las una un pequeñas empresas empresa negocio negocios emprendedores
    emprendedoras experiencia años ventas clientes finanzas crecimiento estrategia mercado gestión
    desarrollo asesoría consultor consultora equipo proyectos comercio exportación crédito
    contabilidad precios innovación producción servicios calidad liderazgo financiera digital marca
    cooperativa agrícola tienda restaurante turismo familia comunidad economía inversión capital
    proveedores logística publicidad diseño artesanía café panadería`),
  fr: words(`
    de la et des les en du pour avec une un petites entreprises entreprise entrepreneurs
    entrepreneuses expérience ans ventes clients finances croissance stratégie marché gestion
    développement accompagnement conseil conseiller consultante équipe projets commerce exportation
    crédit comptabilité prix innovation production services qualité financière numérique marque
    coopérative agricole boutique restauration tourisme artisanat communauté économie sociale
    investissement fournisseurs logistique trésorerie juridique fiscalité`),
  ar: words(`
    في من و على مع إدارة الشركات المشاريع الصغيرة خبرة سنوات المبيعات العملاء التسويق المالية
    التخطيط النمو الاستراتيجية السوق تطوير الأعمال ريادة رواد مستشار فريق التجارة التصدير التمويل
    الجودة القيادة الرقمي العلامة التعاونية الزراعة السياحة المجتمع الاستثمار`),
  id: words(`
    dan yang di untuk dengan usaha bisnis kecil menengah umkm pengusaha pengalaman tahun penjualan
    pelanggan keuangan pertumbuhan strategi pasar manajemen pengembangan konsultan pendamping tim
    proyek perdagangan ekspor kredit akuntansi harga inovasi produksi layanan kualitas kepemimpinan
    digital merek koperasi pertanian toko restoran pariwisata komunitas ekonomi investasi pemasok
    logistik kerajinan`),
};

/**
 * The long tail real texts have beside the common vocabulary: product, trade,
 * place and brand names, each rare. Made-up words, drawn Zipf-like.
 */
const SPECIFIC_TERMS: string[] = (() => {
  const random = rng(3);
  const onsets = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'tr'];
  const vowels = ['a', 'e', 'i', 'o', 'u'];
  const terms = new Set<string>();
  while (terms.size < 2000) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) {
      word += onsets[Math.floor(random() * onsets.length)] + vowels[Math.floor(random() * 5)];
    }
    terms.add(word);
  }
  return [...terms];
})();

const names = (text: string) => text.trim().split(/\s+/);
const FIRST_NAMES: Record<LocaleCode, string[]> = {
  en: names(`Chinedu Amaka Wanjiru Kwame Thandiwe Grace David Sarah Michael Aisha John Mary Peter
    Esther Samuel Joy Daniel Faith Emmanuel Blessing`),
  es: names(`José María Ana Carlos Lucía Juan Sofía Miguel Valentina Andrés Camila Diego Gabriela
    Luis Fernanda Jorge Paula Ricardo Daniela Héctor`),
  fr: names(`Aminata Moussa Fatou Ibrahima Awa Mamadou Marie Jean Claire Pierre Aïcha Ousmane Hélène
    François Mariam Koffi Adjoa Didier Océane Étienne`),
  ar: names(`محمد أحمد فاطمة عائشة علي خالد مريم يوسف ليلى عمر سارة حسن نور إبراهيم هدى Karim Yasmine
    Omar Layla Rania`),
  id: names(`Budi Siti Agus Dewi Rizky Putri Andi Ayu Hendra Rina Wahyu Indah Eko Sri Fajar Nur Dian
    Bayu Lestari Ahmad`),
};
const LAST_NAMES: Record<LocaleCode, string[]> = {
  en: names(`Okafor Mwangi Mensah Naidoo Okonkwo Otieno Adeyemi Boateng Kamau Smith Johnson Williams
    Brown Mokoena Achieng Osei Nwosu Banda Phiri Dlamini`),
  es: names(`García Rodríguez Martínez López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez
    Díaz Cruz Morales Ortiz Gutiérrez Chávez Ramos Núñez`),
  fr: names(`Diallo Traoré Koné Ndiaye Diop Camara Sow Ouédraogo Kouassi Bamba Dubois Martin Lefèvre
    Moreau Mbaye Touré Keïta Fofana Sarr Faye`),
  ar: names(`العلي الحسن المصري الخطيب حداد Haddad Mansour Khalil Nasser Saleh منصور خليل ناصر صالح
    عبدالله`),
  id: names(`Santoso Wijaya Pratama Saputra Hidayat Kurniawan Setiawan Nugroho Susanto Gunawan Halim
    Siregar Nasution Lubis Harahap Putra Rahman Sari Utami Wibowo`),
};
const BUSINESS_KINDS: Record<LocaleCode, string[]> = {
  en: names('Bakery Workshop Store Farm Studio Foods Textiles Logistics Kitchen Crafts'),
  es: names(
    'Panadería Café Taller Tienda Cooperativa Estudio Granja Textiles Distribuidora Consultora',
  ),
  fr: names(
    'Boulangerie Atelier Boutique Coopérative Ferme Studio Épicerie Maison Restaurant Agence',
  ),
  ar: names('مخبز ورشة متجر مزرعة Studio Trading Foods تعاونية مطعم وكالة'),
  id: names('Toko Warung Bengkel Koperasi Studio Kopi Batik Tani Dapur Kriya'),
};
const EMPLOYERS = [
  'Atlas Bank',
  'Meridian Foods',
  'Orbit Telecom',
  'Sahel Agro',
  'Coastal Logistics',
  'Nova Consulting',
  'Cedar Capital',
  'Andes Textiles',
  'Baobab Ventures',
  'Harbor Retail',
  'Summit Energy',
  'Lumen Health',
  'Pioneer Microfinance',
  'Delta Export',
  'Kilimanjaro Coffee',
  'Independent consultant',
];

/** Countries by the programme's main language: IANA zone and a few cities. */
const PLACES: Record<LocaleCode, [string, string, string][]> = {
  en: [
    ['NG', 'Africa/Lagos', 'Lagos Abuja Ibadan Kano'],
    ['KE', 'Africa/Nairobi', 'Nairobi Mombasa Kisumu'],
    ['GH', 'Africa/Accra', 'Accra Kumasi Tamale'],
    ['ZA', 'Africa/Johannesburg', 'Johannesburg Durban Pretoria'],
    ['UG', 'Africa/Kampala', 'Kampala Gulu'],
    ['TZ', 'Africa/Dar_es_Salaam', 'Arusha Mwanza'],
    ['RW', 'Africa/Kigali', 'Kigali Huye'],
    ['GB', 'Europe/London', 'London Manchester'],
    ['US', 'America/New_York', 'Atlanta Boston'],
    ['IN', 'Asia/Kolkata', 'Bengaluru Pune'],
  ],
  es: [
    ['MX', 'America/Mexico_City', 'Puebla Guadalajara Monterrey Oaxaca'],
    ['CO', 'America/Bogota', 'Bogotá Medellín Cali'],
    ['PE', 'America/Lima', 'Lima Arequipa Cusco'],
    ['AR', 'America/Argentina/Buenos_Aires', 'Córdoba Rosario Mendoza'],
    ['CL', 'America/Santiago', 'Santiago Valparaíso'],
    ['GT', 'America/Guatemala', 'Quetzaltenango Antigua'],
    ['ES', 'Europe/Madrid', 'Madrid Sevilla Valencia'],
    ['EC', 'America/Guayaquil', 'Quito Guayaquil Cuenca'],
    ['BO', 'America/La_Paz', 'Cochabamba Sucre'],
  ],
  fr: [
    ['SN', 'Africa/Dakar', 'Dakar Thiès Saint-Louis'],
    ['CI', 'Africa/Abidjan', 'Abidjan Bouaké Yamoussoukro'],
    ['CM', 'Africa/Douala', 'Douala Yaoundé'],
    ['MA', 'Africa/Casablanca', 'Casablanca Rabat Marrakech'],
    ['TN', 'Africa/Tunis', 'Tunis Sfax Sousse'],
    ['FR', 'Europe/Paris', 'Lyon Marseille Lille'],
    ['BF', 'Africa/Ouagadougou', 'Ouagadougou Bobo-Dioulasso'],
    ['ML', 'Africa/Bamako', 'Bamako Ségou'],
    ['CD', 'Africa/Kinshasa', 'Kinshasa Matadi'],
    ['HT', 'America/Port-au-Prince', 'Port-au-Prince Cap-Haïtien'],
  ],
  ar: [
    ['EG', 'Africa/Cairo', 'القاهرة الإسكندرية Cairo'],
    ['JO', 'Asia/Amman', 'عمان إربد Amman'],
    ['MA', 'Africa/Casablanca', 'الدار_البيضاء فاس'],
    ['TN', 'Africa/Tunis', 'تونس صفاقس'],
    ['SA', 'Asia/Riyadh', 'الرياض جدة'],
    ['AE', 'Asia/Dubai', 'دبي الشارقة Dubai'],
    ['LB', 'Asia/Beirut', 'بيروت طرابلس'],
    ['IQ', 'Asia/Baghdad', 'بغداد أربيل'],
  ],
  id: [
    ['ID', 'Asia/Jakarta', 'Jakarta Bandung Surabaya Yogyakarta Medan'],
    ['MY', 'Asia/Kuala_Lumpur', 'Kuala_Lumpur Penang'],
    ['SG', 'Asia/Singapore', 'Singapore'],
    ['TL', 'Asia/Dili', 'Dili'],
    ['PH', 'Asia/Manila', 'Manila Cebu Davao'],
    ['TH', 'Asia/Bangkok', 'Bangkok Chiang_Mai'],
  ],
};

/** Second and occasional third languages of members, by main language. */
const SECOND_LANGUAGE: Record<LocaleCode, string> = {
  en: 'fr',
  es: 'en',
  fr: 'en',
  ar: 'en',
  id: 'en',
};
const THIRD_LANGUAGES: Record<LocaleCode, string[]> = {
  en: ['sw', 'yo', 'ha', 'zu', 'ig'],
  es: ['pt', 'fr', 'qu'],
  fr: ['ar', 'wo', 'ln', 'bm'],
  ar: ['fr', 'tr', 'ku'],
  id: ['jv', 'ms', 'su', 'zh'],
};

const SUB_AREAS = TAXONOMY.expertise.flatMap((a) => a.subAreas.map((s) => s.code));
const AREAS = TAXONOMY.expertise.map((a) => a.code);
const INDUSTRIES = TAXONOMY.industries.map((o) => o.code);
const STAGES = TAXONOMY.stages.map((o) => o.code);
const STYLES = TAXONOMY.mentoringStyles.map((o) => o.code);
const MEETING_WAYS = TAXONOMY.meetingWays.map((o) => o.code);
const REVENUE_BANDS = TAXONOMY.revenueBands.map((o) => o.code);
const REGISTRATION = TAXONOMY.registration.map((o) => o.code);

/** Codes put first in each list: what mentors offer most, and what entrepreneurs need most. */
const OFFERED_FIRST = [
  'strategy.business_planning',
  'marketing.digital_marketing',
  'strategy.leadership',
  'finance.financial_planning',
  'sales.sales_strategy',
  'marketing.branding',
  'people.team_management',
  'strategy.growth',
  'finance.pricing',
  'digital.website',
];
const NEEDED_FIRST = [
  'funding.loans',
  'finance.cash_flow',
  'sales.customer_acquisition',
  'marketing.social_media',
  'finance.pricing',
  'finance.bookkeeping',
  'marketing.digital_marketing',
  'funding.investors',
  'digital.ecommerce',
  'startup.first_customers',
];
const INDUSTRIES_FIRST = ['food_beverage', 'agriculture', 'retail', 'technology', 'crafts'];

const popularFirst = (all: string[], first: string[]) => [
  ...first,
  ...all.filter((c) => !first.includes(c)),
];
export const EXPERTISE_BY_SUPPLY = popularFirst(SUB_AREAS, OFFERED_FIRST);
export const EXPERTISE_BY_DEMAND = popularFirst(SUB_AREAS, NEEDED_FIRST);
export const INDUSTRIES_BY_POPULARITY = popularFirst(INDUSTRIES, INDUSTRIES_FIRST);
export { AREAS as EXPERTISE_AREAS };

// ---------------------------------------------------------------------------
// Tenants.

/** A seeded PRNG (mulberry32), so every run generates the same choices in Node. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index 0…n-1, skewed to the front like the SQL generator (`floor(n * random() ^ power)`). */
export function skewed(random: () => number, n: number, power = 2): number {
  return Math.min(n - 1, Math.floor(n * random() ** power));
}

/** The big programme first, then `others` programmes of `otherSize` each. */
export function tenantPlans(
  big: { mentors: number; entrepreneurs: number },
  others: number,
  otherSize: number,
): TenantPlan[] {
  const random = rng(7);
  const langs: LocaleCode[] = ['en', 'fr', 'es', 'ar', 'id'];
  const plan = (slug: string, lang: LocaleCode, mentors: number, entrepreneurs: number) => {
    const places = PLACES[lang];
    const count = Math.min(places.length, 4 + Math.floor(random() * 5));
    const start = Math.floor(random() * places.length);
    const countries = Array.from(
      { length: count },
      (_, i) => places[(start + i) % places.length][0],
    );
    const locales: LocaleCode[] =
      lang === 'en' ? ['en', 'fr'] : lang === 'ar' ? ['ar', 'en', 'fr'] : [lang, 'en'];
    return { slug, lang, locales, mentors, entrepreneurs, countries };
  };
  return [
    plan('bench-big', 'es', big.mentors, big.entrepreneurs),
    ...Array.from({ length: others }, (_, i) =>
      plan(
        `bench-${String(i + 1).padStart(2, '0')}`,
        langs[i % langs.length],
        otherSize,
        otherSize,
      ),
    ),
  ];
}

function svgLogo(fill: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="${fill}"/></svg>`,
  );
}

/** A valid bundle for a planned programme (default programme rules and matching weights). */
export function benchBundle(plan: TenantPlan, index: number): TenantBundle {
  const hue = ['#1d4f91', '#0b6e4f', '#7a2e8e', '#8a3b12', '#14506e'][index % 5];
  const config = tenantConfigSchema.parse({
    slug: plan.slug,
    name: `Bench Programme ${index}`,
    organisation: `Bench Foundation ${index}`,
    kind: (['ngo', 'corporate', 'government'] as const)[index % 3],
    locale: { default: plan.lang, supported: plan.locales },
    branding: {
      colours: { primary: hue, accent: '#b34700', text: '#1b1f24', background: '#ffffff' },
      logo: 'assets/logo.svg',
    },
    contactEmail: `mentoring@${plan.slug}.example`,
  });
  const logo = svgLogo(hue);
  return {
    config,
    partials: {},
    locales: {},
    assets: [
      {
        role: 'logo',
        contentType: 'image/svg+xml',
        bytes: logo,
        sha256: createHash('sha256').update(logo).digest('hex'),
      },
    ],
  };
}

// ---------------------------------------------------------------------------
// Loading.

/** `@name` placeholders to `$n` (names are letters and digits; `@>` and `<@` are left alone). */
function named(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/@([A-Za-z]\w*)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for @${name}`);
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return [text, order.map((n) => values[n])];
}

/** Helper tables (dropped after loading): labels to index, places, generated people. */
export async function createHelperTables(sql: OwnerSql): Promise<void> {
  await sql.exec(
    `CREATE TABLE bench_labels (code text NOT NULL, locale text NOT NULL, label text NOT NULL)`,
  );
  const labels: [string, string, string][] = [];
  const options = [
    ...TAXONOMY.expertise.flatMap((a) => [a, ...a.subAreas]),
    ...TAXONOMY.industries,
  ];
  for (const o of options) {
    for (const [locale, label] of Object.entries(o.label)) {
      labels.push([o.code, locale, foldForSearch(label)]);
    }
  }
  await sql.exec(
    `INSERT INTO bench_labels SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
    [labels.map((l) => l[0]), labels.map((l) => l[1]), labels.map((l) => l[2])],
  );
  await sql.exec(`CREATE INDEX ON bench_labels (code, locale)`);

  await sql.exec(
    `CREATE TABLE bench_places (
       code text PRIMARY KEY, tz text NOT NULL, off int, cities text[] NOT NULL, folded text[] NOT NULL)`,
  );
  const places = new Map<string, [string, string]>();
  for (const list of Object.values(PLACES)) {
    for (const [code, tz, cities] of list) if (!places.has(code)) places.set(code, [tz, cities]);
  }
  const codes = [...places.keys()];
  await sql.exec(
    `INSERT INTO bench_places
     SELECT code, tz, off,
            ARRAY(SELECT replace(x, '_', ' ') FROM unnest(string_to_array(cities, ' ')) x),
            ARRAY(SELECT replace(x, '_', ' ') FROM unnest(string_to_array(folded, ' ')) x)
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])
         AS p(code, tz, off, cities, folded)`,
    [
      codes,
      codes.map((c) => places.get(c)?.[0]),
      codes.map((c) => utcOffsetMinutes(places.get(c)?.[0])),
      codes.map((c) => places.get(c)?.[1]),
      codes.map((c) => foldForSearch(places.get(c)?.[1] ?? '')),
    ],
  );

  await sql.exec(`
    CREATE TABLE bench_people (
      tenant_id uuid NOT NULL, kind text NOT NULL, n int NOT NULL, user_id uuid NOT NULL,
      fi int, li int, country text, created_at timestamptz, suspended boolean, en_locale boolean,
      k_top int, k_more int, k_ind int, k_stage int, k_style int, k_ways int,
      len_head int, len_body int, capacity int, active int, paused date,
      lang2 boolean, lang3 int, employer int, years int, no_tz boolean,
      r_a float8, r_b float8, r_c float8, bk int, k_tail int)`);
}

export async function dropHelperTables(sql: OwnerSql): Promise<void> {
  await sql.exec(`DROP TABLE IF EXISTS bench_people, bench_places, bench_labels`);
}

/** `n` words, each from the local list (share `local`) or the English one, Zipf-like. */
const TEXT_SQL = (len: string) => `(SELECT string_agg(
    CASE WHEN random() < @localShare THEN (@local::text[])[1 + floor(@nLocal * random() ^ 2.5)::int]
         ELSE (@en::text[])[1 + floor(@nEn * random() ^ 2.5)::int] END, ' ')
  FROM generate_series(1, ${len}))`;

/** 0–6 specific terms (`p.k_tail`), the first few thousand times likelier than the last. */
const TAIL_SQL = `COALESCE((SELECT string_agg((@tail::text[])[1 + floor(@nTail * random() ^ 3)::int], ' ')
  FROM generate_series(1, p.k_tail)), '')`;

/** Distinct codes from a popularity-ordered list, first drawn first. */
const PICKS_SQL = (list: string, count: string, power: number) => `ARRAY(
  SELECT c FROM (SELECT (${list}::text[])[1 + floor(cardinality(${list}::text[]) * random() ^ ${power})::int] AS c, i
                   FROM generate_series(1, ${count}) i) s
   GROUP BY c ORDER BY min(i))`;

/** Codes with their parent areas, deduplicated (what deriveMentor stores). */
const WITH_AREAS_SQL = (codes: string) =>
  `ARRAY(SELECT DISTINCT x FROM unnest(${codes} || ARRAY(SELECT split_part(c, '.', 1) FROM unnest(${codes}) c)) x)`;

/** Every label of the codes in the tenant's languages, space separated. */
const LABELS_SQL = (codes: string) => `COALESCE((SELECT string_agg(DISTINCT l.label, ' ')
  FROM bench_labels l WHERE l.code = ANY (${codes}) AND l.locale = ANY (@locales::text[])), '')`;

export interface LoadCounts {
  users: number;
  mentors: number;
  entrepreneurs: number;
  candidateRows: number;
  requests: number;
  blocks: number;
}

/** Fills one tenant; every statement runs scoped to it. */
export async function loadTenant(
  sql: OwnerSql,
  tenantId: string,
  plan: TenantPlan,
): Promise<LoadCounts> {
  const lang = plan.lang;
  const local = VOCABULARY[lang];
  const en = VOCABULARY.en;
  const common = {
    tenant: tenantId,
    countries: plan.countries,
    nCountries: plan.countries.length,
    nFirst: FIRST_NAMES[lang].length,
    nLast: LAST_NAMES[lang].length,
  };
  const run = async (text: string, values: Record<string, unknown>) => {
    const [q, params] = named(text, values);
    return sql.exec(q, params, tenantId);
  };

  // 1. People: the random draws each profile is built from, one row per person.
  for (const [kind, count] of [
    ['m', plan.mentors],
    ['e', plan.entrepreneurs],
  ] as const) {
    await run(
      `INSERT INTO bench_people
       SELECT tenant_id, kind, n, user_id, fi, li, country, created_at, suspended, en_locale,
              k_top, k_more, k_ind, k_stage, k_style, k_ways, len_head, len_body, capacity,
              CASE WHEN random() < 0.2 THEN capacity ELSE floor(random() * capacity)::int END,
              paused, lang2, lang3, employer, years, no_tz, r_a, r_b, r_c, bk, k_tail
         FROM (
           SELECT @tenant::uuid AS tenant_id, @kind::text AS kind, g AS n, gen_random_uuid() AS user_id,
                  1 + floor(random() * @nFirst)::int AS fi,
                  1 + floor(random() * @nLast)::int AS li,
                  (@countries::text[])[1 + floor(@nCountries * random() ^ 1.8)::int] AS country,
                  now() - random() * interval '730 days' AS created_at,
                  random() < 0.02 AS suspended,
                  random() < 0.15 AS en_locale,
                  CASE WHEN random() < 0.25 THEN 1 WHEN random() < 0.55 THEN 2 ELSE 3 END AS k_top,
                  floor(4 * random() ^ 2)::int AS k_more,
                  floor(4 * random() ^ 1.5)::int AS k_ind,
                  floor(4 * random())::int AS k_stage,
                  1 + (random() < 0.4)::int AS k_style,
                  1 + floor(2.5 * random())::int AS k_ways,
                  4 + floor(random() * 7)::int AS len_head,
                  CASE WHEN @kind = 'm' THEN 25 + floor(random() * 55)::int
                       ELSE 15 + floor(random() * 40)::int END AS len_body,
                  (ARRAY[1, 2, 2, 2, 3, 3, 4, 5])[1 + floor(random() * 8)::int] AS capacity,
                  CASE WHEN random() < 0.05 THEN current_date + 1 + floor(random() * 90)::int
                       WHEN random() < 0.03 THEN current_date - 1 - floor(random() * 60)::int END AS paused,
                  random() < CASE WHEN @kind = 'm' THEN 0.30 ELSE 0.15 END AS lang2,
                  CASE WHEN random() < CASE WHEN @kind = 'm' THEN 0.10 ELSE 0.05 END
                       THEN 1 + floor(random() * @nThird)::int END AS lang3,
                  CASE WHEN random() < 0.6 THEN 1 + floor(random() * @nEmployers)::int END AS employer,
                  2 + floor(38 * random() ^ 1.3)::int AS years,
                  random() < 0.06 AS no_tz,
                  random() AS r_a, random() AS r_b, random() AS r_c,
                  1 + floor(random() * @nKinds)::int AS bk,
                  floor(random() * 7)::int AS k_tail
             FROM generate_series(1, @count::int) g
           OFFSET 0) s`,
      {
        ...common,
        kind,
        count,
        nThird: THIRD_LANGUAGES[lang].length,
        nEmployers: EMPLOYERS.length,
        nKinds: BUSINESS_KINDS[lang].length,
      },
    );
  }

  // 2. Users.
  await run(
    `INSERT INTO users (tenant_id, id, email, email_verified_at, password_hash, name, locale, country,
                        roles, status, terms_accepted_at, password_changed_at, created_at, updated_at)
     SELECT p.tenant_id, p.user_id, p.kind || p.n || @domain, p.created_at, @hash,
            (@first::text[])[p.fi] || ' ' || (@last::text[])[p.li],
            CASE WHEN p.en_locale AND 'en' = ANY (@locales::text[]) THEN 'en' ELSE @lang END,
            p.country, ARRAY[CASE p.kind WHEN 'm' THEN 'mentor' ELSE 'entrepreneur' END],
            CASE WHEN p.suspended THEN 'suspended' ELSE 'active' END,
            p.created_at, p.created_at, p.created_at, p.created_at
       FROM bench_people p WHERE p.tenant_id = @tenant`,
    {
      tenant: tenantId,
      domain: `@${plan.slug}.bench.example`,
      hash: '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$bmV2ZXItYS1yZWFsLWhhc2gtYmVuY2gtb25seQ',
      first: FIRST_NAMES[lang],
      last: LAST_NAMES[lang],
      locales: plan.locales,
      lang,
    },
  );

  const textParams = {
    localShare: lang === 'en' ? 0 : 0.55,
    local,
    nLocal: local.length,
    en,
    nEn: en.length,
    locales: plan.locales,
    tail: SPECIFIC_TERMS,
    nTail: SPECIFIC_TERMS.length,
  };
  const languagesSql = `ARRAY[@lang::text]
      || CASE WHEN p.lang2 THEN ARRAY[@second::text] ELSE '{}' END
      || CASE WHEN p.lang3 IS NOT NULL THEN ARRAY[(@third::text[])[p.lang3]] ELSE '{}' END`;

  // 3. Mentor profiles, with the derived columns deriveMentor would write.
  await run(
    `INSERT INTO mentor_profiles (
       tenant_id, user_id, headline, bio, employer, expertise_top, expertise_more, expertise,
       expertise_codes, industries, years_experience, languages, country, timezone, utc_offset_min,
       stages, styles, capacity, active_count, paused_until, search_primary, search_secondary,
       created_at, updated_at)
     SELECT r.tenant_id, r.user_id, initcap(left(r.head, 1)) || substr(r.head, 2), r.bio || '.',
            r.employer, r.picks[1:r.k_top], r.picks[r.k_top + 1:], r.picks, r.codes, r.inds,
            r.years, r.langs, r.country, r.tz, r.off, r.stages, r.styles, r.capacity, r.active,
            r.paused,
            r.folded_name || ' ' || r.head || ' ' || ${LABELS_SQL('r.codes || r.inds')},
            r.bio || ' ' || lower(COALESCE(r.employer, '')),
            r.created_at, r.created_at
       FROM (
         SELECT q.*, ${WITH_AREAS_SQL('q.picks')} AS codes FROM (
           SELECT p.tenant_id, p.user_id, p.k_top, p.years, p.country, p.capacity, p.active,
                  p.paused, p.created_at,
                  CASE WHEN p.no_tz THEN NULL ELSE pl.tz END AS tz,
                  CASE WHEN p.no_tz THEN NULL ELSE pl.off END AS off,
                  (@foldedFirst::text[])[p.fi] || ' ' || (@foldedLast::text[])[p.li] AS folded_name,
                  (@employers::text[])[p.employer] AS employer,
                  ${PICKS_SQL('@expertise', 'p.k_top + p.k_more', 2)} AS picks,
                  ${PICKS_SQL('@industries', 'p.k_ind', 1.5)} AS inds,
                  ${PICKS_SQL('@stages', 'p.k_stage', 1)} AS stages,
                  ${PICKS_SQL('@styles', 'p.k_style', 1)} AS styles,
                  ${languagesSql} AS langs,
                  ${TEXT_SQL('p.len_head')} AS head,
                  ${TEXT_SQL('p.len_body')} || ' ' || ${TAIL_SQL} AS bio
             FROM bench_people p JOIN bench_places pl ON pl.code = p.country
            WHERE p.tenant_id = @tenant AND p.kind = 'm'
           OFFSET 0) q
       ) r`,
    {
      ...textParams,
      tenant: tenantId,
      lang,
      second: SECOND_LANGUAGE[lang],
      third: THIRD_LANGUAGES[lang],
      foldedFirst: FIRST_NAMES[lang].map(foldForSearch),
      foldedLast: LAST_NAMES[lang].map(foldForSearch),
      employers: EMPLOYERS,
      expertise: EXPERTISE_BY_SUPPLY,
      industries: INDUSTRIES_BY_POPULARITY,
      stages: STAGES,
      styles: STYLES,
    },
  );

  // 4. The candidate index, as refreshCandidateRows writes it.
  await run(
    `INSERT INTO mentor_expertise
         (tenant_id, user_id, code, pool_rank, has_room, languages, paused_until)
     SELECT m.tenant_id, m.user_id, c.code, s.exposure_log,
            m.active_count < m.capacity AND s.listed, m.languages, m.paused_until
       FROM mentor_profiles m
       JOIN mentor_search s ON s.tenant_id = m.tenant_id AND s.user_id = m.user_id,
            unnest(array_append(m.expertise_codes, '${EVERYONE}')) AS c(code)
      WHERE m.tenant_id = @tenant`,
    { tenant: tenantId },
  );

  // 5. Entrepreneur profiles, with the derived columns deriveEntrepreneur would write.
  await run(
    `INSERT INTO entrepreneur_profiles (
       tenant_id, user_id, business_name, industry, stage, country, city, founded_year, employees,
       revenue_band, registration, description, website, needs_top, needs_more, needs, need_codes,
       languages, meeting_ways, styles, timezone, utc_offset_min, search_primary, search_secondary,
       created_at, updated_at)
     SELECT r.tenant_id, r.user_id, r.business, r.industry, r.stage, r.country, r.city,
            r.founded, r.employees, r.revenue, r.registration, r.description || '.', NULL,
            r.picks[1:r.k_top], r.picks[r.k_top + 1:], r.picks, r.codes, r.langs, r.ways,
            r.styles, r.tz, r.off,
            r.folded_name || ' ' || r.folded_business || ' ' ||
              ${LABELS_SQL('array_append(r.codes, r.industry)')},
            r.description || ' ' || r.folded_city,
            r.created_at, r.created_at + random() * (now() - r.created_at)
       FROM (
         SELECT q.*, ${WITH_AREAS_SQL('q.picks')} AS codes FROM (
           SELECT p.tenant_id, p.user_id, p.k_top, p.country, p.created_at,
                  CASE WHEN p.no_tz THEN NULL ELSE pl.tz END AS tz,
                  CASE WHEN p.no_tz THEN NULL ELSE pl.off END AS off,
                  pl.cities[1 + floor(cardinality(pl.cities) * p.r_c ^ 1.5)::int] AS city,
                  pl.folded[1 + floor(cardinality(pl.folded) * p.r_c ^ 1.5)::int] AS folded_city,
                  (@foldedFirst::text[])[p.fi] || ' ' || (@foldedLast::text[])[p.li] AS folded_name,
                  (@kinds::text[])[p.bk] || ' ' || (@last::text[])[p.li] AS business,
                  (@foldedKinds::text[])[p.bk] || ' ' || (@foldedLast::text[])[p.li] AS folded_business,
                  CASE WHEN p.r_a < 0.95 THEN (@industries::text[])[
                    1 + floor(cardinality(@industries::text[]) * random() ^ 1.5)::int] END AS industry,
                  CASE WHEN p.r_b < 0.95 THEN (@stages::text[])[
                    1 + floor(cardinality(@stages::text[]) * random() ^ 1.2)::int] END AS stage,
                  extract(year FROM now())::int - floor(15 * random() ^ 2)::int AS founded,
                  floor(60 * random() ^ 4)::int AS employees,
                  (@revenue::text[])[1 + floor(cardinality(@revenue::text[]) * random() ^ 1.5)::int] AS revenue,
                  (@registration::text[])[1 + floor(cardinality(@registration::text[]) * random())::int] AS registration,
                  ${PICKS_SQL('@expertise', 'p.k_top + p.k_more', 2)} AS picks,
                  ${PICKS_SQL('@ways', 'p.k_ways', 1)} AS ways,
                  ${PICKS_SQL('@styles', 'p.k_style', 1)} AS styles,
                  ${languagesSql} AS langs,
                  ${TEXT_SQL('p.len_body')} || ' ' || ${TAIL_SQL} AS description
             FROM bench_people p JOIN bench_places pl ON pl.code = p.country
            WHERE p.tenant_id = @tenant AND p.kind = 'e'
           OFFSET 0) q
       ) r`,
    {
      ...textParams,
      tenant: tenantId,
      lang,
      second: SECOND_LANGUAGE[lang],
      third: THIRD_LANGUAGES[lang],
      foldedFirst: FIRST_NAMES[lang].map(foldForSearch),
      foldedLast: LAST_NAMES[lang].map(foldForSearch),
      kinds: BUSINESS_KINDS[lang],
      foldedKinds: BUSINESS_KINDS[lang].map(foldForSearch),
      last: LAST_NAMES[lang],
      industries: INDUSTRIES_BY_POPULARITY,
      stages: STAGES,
      revenue: REVENUE_BANDS,
      registration: REGISTRATION,
      expertise: EXPERTISE_BY_DEMAND,
      ways: MEETING_WAYS,
      styles: STYLES,
    },
  );

  // 6. Requests (5% of entrepreneurs asked 1–3 mentors) and blocks (1% of each side).
  const pick = (fromKind: string, toKind: string, share: string, per: string, toCount: number) => `
    SELECT x.tenant_id, x.from_id, t.user_id AS to_id, x.at
      FROM (SELECT f.tenant_id, f.user_id AS from_id,
                   1 + floor(random() * ${toCount})::int AS target,
                   now() - random() * interval '60 days' AS at
              FROM bench_people f, generate_series(1, ${per}) i
             WHERE f.tenant_id = @tenant AND f.kind = '${fromKind}' AND ${share}
            OFFSET 0) x
      JOIN bench_people t ON t.tenant_id = x.tenant_id AND t.kind = '${toKind}' AND t.n = x.target`;
  await run(
    `INSERT INTO mentoring_requests (tenant_id, entrepreneur_id, mentor_id, status, created_at)
     SELECT y.tenant_id, y.from_id, y.to_id,
            (ARRAY['open', 'open', 'accepted', 'declined', 'expired', 'withdrawn'])[1 + floor(random() * 6)::int],
            y.at
       FROM (${pick('e', 'm', 'f.r_a < 0.05', '1 + floor(f.r_b * 3)::int', plan.mentors)}) y
     -- The same mentor drawn twice, both open: one open request per pair.
     ON CONFLICT DO NOTHING`,
    { tenant: tenantId },
  );
  await run(
    `INSERT INTO member_blocks (tenant_id, blocker_id, blocked_id, created_at)
     SELECT y.tenant_id, y.from_id, y.to_id, y.at FROM (
       ${pick('e', 'm', 'f.r_b > 0.99', '1', plan.mentors)}
       UNION ALL
       ${pick('m', 'e', 'f.r_b > 0.99', '1', plan.entrepreneurs)}) y
     ON CONFLICT DO NOTHING`,
    { tenant: tenantId },
  );

  const [counts] = await run(
    `SELECT (SELECT count(*) FROM users WHERE tenant_id = @tenant)::int AS users,
            (SELECT count(*) FROM mentor_profiles WHERE tenant_id = @tenant)::int AS mentors,
            (SELECT count(*) FROM entrepreneur_profiles WHERE tenant_id = @tenant)::int AS entrepreneurs,
            (SELECT count(*) FROM mentor_expertise WHERE tenant_id = @tenant)::int AS "candidateRows",
            (SELECT count(*) FROM mentoring_requests WHERE tenant_id = @tenant)::int AS requests,
            (SELECT count(*) FROM member_blocks WHERE tenant_id = @tenant)::int AS blocks`,
    { tenant: tenantId },
  );
  return counts as unknown as LoadCounts;
}

// ---------------------------------------------------------------------------
// What the benchmark asks for.

/**
 * Words people would type in the search box of a programme: words of the
 * expertise and industry labels, content words of the common vocabulary, and
 * specific terms (more often the less rare ones).
 */
export function searchKeywords(plan: TenantPlan): {
  labels: string[];
  vocabulary: string[];
  specific: string[];
} {
  const fromLabels = new Set<string>();
  const options = [
    ...TAXONOMY.expertise.flatMap((a) => [a, ...a.subAreas]),
    ...TAXONOMY.industries,
  ];
  for (const o of options) {
    for (const locale of plan.locales.slice(0, 2)) {
      for (const w of foldForSearch(o.label[locale]).split(/[^\p{L}\p{N}]+/u)) {
        if (w.length >= 5) fromLabels.add(w);
      }
    }
  }
  // Content words: skip the function words at the head of each list.
  const vocabulary = [
    ...VOCABULARY[plan.lang].slice(12, 60),
    ...(plan.lang === 'en' ? [] : VOCABULARY.en.slice(12, 80)),
  ];
  return {
    labels: [...fromLabels],
    vocabulary: [...new Set(vocabulary)],
    specific: SPECIFIC_TERMS,
  };
}

export function thirdLanguages(lang: LocaleCode): string[] {
  return THIRD_LANGUAGES[lang];
}

export function secondLanguage(lang: LocaleCode): string {
  return SECOND_LANGUAGE[lang];
}

export interface SearchInput {
  viewer: Viewer;
  filters: SearchFilters;
  combo: 'keyword+language+expertise' | 'keyword+industry+country';
}

export interface Viewer {
  id: string;
  locale: LocaleCode;
}

/** The benchmark's searches: a keyword (a label, a common word or a specific one) and two filters. */
export function searchInputs(plan: TenantPlan, viewers: Viewer[], count: number): SearchInput[] {
  const random = rng(11);
  const keywords = searchKeywords(plan);
  const third = thirdLanguages(plan.lang);
  return Array.from({ length: count }, (_, i) => {
    const one = () => {
      const r = random();
      if (r < 0.4) return keywords.labels[Math.floor(random() * keywords.labels.length)];
      if (r < 0.75) return keywords.vocabulary[Math.floor(random() * keywords.vocabulary.length)];
      return keywords.specific[skewed(random, keywords.specific.length, 2)];
    };
    const keyword = random() < 0.25 ? `${one()} ${one()}` : one();
    const filters: SearchFilters = {
      keyword,
      expertise: null,
      industry: null,
      stage: null,
      language: null,
      country: null,
      availableOnly: false,
    };
    const combo = i % 2 === 0 ? 'keyword+language+expertise' : 'keyword+industry+country';
    if (combo === 'keyword+language+expertise') {
      const r = random();
      filters.language =
        r < 0.7
          ? plan.lang
          : r < 0.9
            ? secondLanguage(plan.lang)
            : third[Math.floor(random() * third.length)];
      filters.expertise = AREAS[Math.floor(random() * AREAS.length)];
    } else {
      filters.industry =
        INDUSTRIES_BY_POPULARITY[skewed(random, INDUSTRIES_BY_POPULARITY.length, 1.5)];
      filters.country = plan.countries[skewed(random, plan.countries.length, 1.8)];
    }
    return { viewer: viewers[Math.floor(random() * viewers.length)], filters, combo };
  });
}
