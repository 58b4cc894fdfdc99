import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { addDays, DAY_MS, HOUR_MS, isoDate } from '../common/clock';
import type { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { conversationsRepository } from './conversations.repository';

// Demo mentoring in every state, so the pages are alive right after
// `npm start`: for each demo tenant, an active engagement (messages,
// meetings, goals, an answered check-in) between founder2 and mentor@, a
// request waiting for mentor@, a declined and an expired request, a completed
// engagement with feedback from both sides, one closed early, and an open
// offer from a mentor. Written in the tenant's default language.

interface Script {
  request: string;
  waiting: string;
  short: string;
  replies: [string, string, string];
  goals: [string, string];
  note: string;
  praise: [string, string];
  invite: string;
}

const SCRIPTS: Record<string, Script> = {
  en: {
    request:
      'Hello, I run a small food business with five people. Our sales grew but our cash is always short at the end of the month. I would like help with pricing and a simple cash-flow plan. Could we talk by video every two weeks?',
    waiting:
      'Hello, we sell handmade furniture online and want to reach shops in the region. I would value your advice on wholesale prices and how to approach buyers. I am free most evenings for a call.',
    short:
      'Hello, I am opening a repair workshop and need help registering the business and setting up simple bookkeeping. Could you help me for a few weeks?',
    replies: [
      'Happy to help. Could you send me last month’s sales and costs before we meet? Even a rough list is fine.',
      'Here they are: https://example.org/our-figures — thank you! Tuesday at 18:00 works for me.',
      'Good session today. Try the new price on the two best sellers this week and tell me what customers say.',
    ],
    goals: ['New price list for the top 10 products', 'A 3-month cash-flow plan'],
    note: 'Margins on catering were lower than they thought; follow up on supplier terms.',
    praise: [
      'Patient, practical and always prepared. Our books are finally in order.',
      'A motivated founder who did the homework every time.',
    ],
    invite:
      'Hello, I read about your shop and I have fifteen years in retail. I could help you plan stock for the busy season. Would you like to meet once a month?',
  },
  es: {
    request:
      'Hola, tengo un pequeño negocio de alimentos con cinco personas. Las ventas crecieron pero siempre nos falta efectivo a fin de mes. Me gustaría ayuda con los precios y un plan de flujo de caja sencillo. ¿Podemos hablar por video cada dos semanas?',
    waiting:
      'Hola, vendemos muebles artesanales en línea y queremos llegar a tiendas de la región. Me serviría su consejo sobre precios mayoristas y cómo acercarnos a compradores. Tengo libres casi todas las tardes.',
    short:
      'Hola, voy a abrir un taller de reparaciones y necesito ayuda para formalizar el negocio y llevar una contabilidad sencilla. ¿Podría ayudarme unas semanas?',
    replies: [
      'Con gusto. ¿Me puede enviar las ventas y los costos del mes pasado antes de reunirnos? Una lista aproximada basta.',
      'Aquí están: https://example.org/nuestras-cifras — ¡gracias! El martes a las 18:00 me queda bien.',
      'Buena sesión hoy. Pruebe el nuevo precio en los dos productos más vendidos esta semana y cuénteme qué dicen los clientes.',
    ],
    goals: [
      'Nueva lista de precios de los 10 productos principales',
      'Plan de flujo de caja a 3 meses',
    ],
    note: 'El margen del catering era menor de lo que creían; revisar condiciones con proveedores.',
    praise: [
      'Paciente, práctica y siempre preparada. Por fin tenemos las cuentas en orden.',
      'Una emprendedora motivada que siempre hizo la tarea.',
    ],
    invite:
      'Hola, leí sobre su tienda y tengo quince años en comercio minorista. Podría ayudarle a planificar el inventario para la temporada alta. ¿Le gustaría reunirnos una vez al mes?',
  },
  ar: {
    request:
      'مرحبًا، أدير مشروعًا صغيرًا للأغذية يعمل فيه خمسة أشخاص. نمت مبيعاتنا لكن السيولة تنقصنا دائمًا في آخر الشهر. أود المساعدة في التسعير وفي خطة بسيطة للتدفق النقدي. هل يمكننا التحدث عبر الفيديو كل أسبوعين؟',
    waiting:
      'مرحبًا، نبيع أثاثًا يدويًا عبر الإنترنت ونريد الوصول إلى المتاجر في المنطقة. يهمني رأيك في أسعار الجملة وطريقة التواصل مع المشترين. أنا متاح معظم الأمسيات.',
    short:
      'مرحبًا، أفتتح ورشة تصليح وأحتاج مساعدة في تسجيل النشاط وإعداد محاسبة بسيطة. هل يمكنك مساعدتي لبضعة أسابيع؟',
    replies: [
      'بكل سرور. هل يمكنك إرسال مبيعات الشهر الماضي وتكاليفه قبل لقائنا؟ تكفي قائمة تقريبية.',
      'ها هي: https://example.org/figures — شكرًا لك! يناسبني الثلاثاء الساعة السادسة مساءً.',
      'جلسة مفيدة اليوم. جرّب السعر الجديد على المنتجين الأكثر مبيعًا هذا الأسبوع وأخبرني برأي الزبائن.',
    ],
    goals: ['قائمة أسعار جديدة لأهم 10 منتجات', 'خطة تدفق نقدي لثلاثة أشهر'],
    note: 'هامش التموين أقل مما ظنوا؛ متابعة شروط الموردين.',
    praise: [
      'صبور وعملي ومستعد دائمًا. أخيرًا أصبحت حساباتنا منظمة.',
      'رائدة أعمال متحمسة أنجزت المطلوب في كل مرة.',
    ],
    invite:
      'مرحبًا، قرأت عن متجرك ولدي خمس عشرة سنة في تجارة التجزئة. يمكنني مساعدتك في تخطيط المخزون لموسم الذروة. هل تودّ أن نلتقي مرة في الشهر؟',
  },
  id: {
    request:
      'Halo, saya menjalankan usaha makanan kecil dengan lima orang. Penjualan naik tetapi kas selalu kurang di akhir bulan. Saya ingin bantuan soal harga dan rencana arus kas sederhana. Bisakah kita bicara lewat video setiap dua minggu?',
    waiting:
      'Halo, kami menjual mebel buatan tangan secara daring dan ingin masuk ke toko-toko di daerah. Saya ingin saran Anda tentang harga grosir dan cara mendekati pembeli. Saya bisa hampir setiap malam.',
    short:
      'Halo, saya akan membuka bengkel servis dan butuh bantuan mendaftarkan usaha serta pembukuan sederhana. Bisakah Anda membantu beberapa minggu?',
    replies: [
      'Dengan senang hati. Bisakah Anda kirim penjualan dan biaya bulan lalu sebelum kita bertemu? Daftar kasar saja cukup.',
      'Ini datanya: https://example.org/angka-kami — terima kasih! Selasa pukul 18.00 cocok untuk saya.',
      'Sesi yang baik hari ini. Coba harga baru pada dua produk terlaris minggu ini dan ceritakan tanggapan pelanggan.',
    ],
    goals: ['Daftar harga baru untuk 10 produk utama', 'Rencana arus kas 3 bulan'],
    note: 'Margin katering lebih rendah dari perkiraan; tindak lanjuti syarat pemasok.',
    praise: [
      'Sabar, praktis, dan selalu siap. Pembukuan kami akhirnya rapi.',
      'Wirausaha yang bersemangat dan selalu mengerjakan tugasnya.',
    ],
    invite:
      'Halo, saya membaca tentang toko Anda dan saya berpengalaman lima belas tahun di ritel. Saya bisa membantu merencanakan stok untuk musim ramai. Mau bertemu sebulan sekali?',
  },
};

const ago = (now: Date, days: number, hours = 0) =>
  new Date(now.getTime() - days * DAY_MS - hours * HOUR_MS);

async function ids(em: EntityManager, slug: string): Promise<Map<string, string>> {
  const rows = (await em.query(`SELECT id, email FROM users WHERE email LIKE $1`, [
    `%@${slug}.example`,
  ])) as { id: string; email: string }[];
  return new Map(rows.map((r) => [r.email.split('@')[0], r.id]));
}

async function request(
  em: EntityManager,
  tenantId: string,
  r: {
    entrepreneur: string;
    mentor: string;
    message: string;
    status: string;
    createdAt: Date;
    answeredAt?: Date;
    reason?: string;
    initiatedBy?: 'entrepreneur' | 'mentor';
  },
): Promise<string> {
  const [row] = (await em.query(
    `INSERT INTO mentoring_requests (tenant_id, entrepreneur_id, mentor_id, initiated_by, message,
       status, decline_reason, created_at, answered_at, expires_at, reminded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8::timestamptz + interval '7 days', NULL)
     RETURNING id`,
    [
      tenantId,
      r.entrepreneur,
      r.mentor,
      r.initiatedBy ?? 'entrepreneur',
      r.message,
      r.status,
      r.reason ?? null,
      r.createdAt,
      r.answeredAt ?? null,
    ],
  )) as { id: string }[];
  return row.id;
}

async function engagement(
  em: EntityManager,
  tenantId: string,
  e: {
    requestId: string;
    entrepreneur: string;
    mentor: string;
    startedAt: Date;
    status: 'active' | 'completed' | 'closed';
    endedAt?: Date;
    endedBy?: string;
    reason?: string;
    nextCheckinAt?: Date;
  },
): Promise<string> {
  const [row] = (await em.query(
    `INSERT INTO engagements (tenant_id, request_id, entrepreneur_id, mentor_id, status, started_at,
       ended_at, ended_by, end_reason, next_checkin_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      tenantId,
      e.requestId,
      e.entrepreneur,
      e.mentor,
      e.status,
      e.startedAt,
      e.endedAt ?? null,
      e.endedBy ?? null,
      e.reason ?? null,
      e.nextCheckinAt ?? null,
    ],
  )) as { id: string }[];
  return row.id;
}

async function talk(
  em: EntityManager,
  tenantId: string,
  a: string,
  b: string,
  lines: { from: string; body: string; at: Date }[],
): Promise<void> {
  const id = await conversationsRepository.ensure(em, tenantId, a, b, lines[0].at);
  for (const line of lines) {
    await conversationsRepository.send(em, tenantId, {
      conversationId: id,
      senderId: line.from,
      body: line.body,
      now: line.at,
    });
  }
}

async function meeting(
  em: EntityManager,
  tenantId: string,
  engagementId: string,
  by: string,
  m: { on: Date; minutes: number; way: string; topics: string[]; note?: string },
): Promise<void> {
  await em.query(
    `INSERT INTO engagement_meetings (tenant_id, engagement_id, logged_by, met_on, minutes, way, topics,
       private_note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [tenantId, engagementId, by, isoDate(m.on), m.minutes, m.way, m.topics, m.note ?? '', m.on],
  );
}

async function seedTenant(
  em: EntityManager,
  tenantId: string,
  slug: string,
  locale: string,
  now: Date,
): Promise<boolean> {
  const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM mentoring_requests`)) as {
    n: number;
  }[];
  if (n > 0) return false;
  const who = await ids(em, slug);
  const need = (local: string) => {
    const id = who.get(local);
    if (!id) throw new Error(`demo person ${local}@${slug}.example is missing`);
    return id;
  };
  const s = SCRIPTS[locale] ?? SCRIPTS.en;
  const mentor = need('mentor');
  const [f2, f3, f4, f5, f6, f7, f8] = [2, 3, 4, 5, 6, 7, 8].map((i) => need(`founder${i}`));
  const [m2, m3, m4] = [2, 3, 4].map((i) => need(`mentor${i}`));

  // Active: founder2 and mentor@, three weeks in.
  const started = ago(now, 20);
  const active = await engagement(em, tenantId, {
    requestId: await request(em, tenantId, {
      entrepreneur: f2,
      mentor,
      message: s.request,
      status: 'accepted',
      createdAt: ago(now, 21),
      answeredAt: started,
    }),
    entrepreneur: f2,
    mentor,
    startedAt: started,
    status: 'active',
    nextCheckinAt: addDays(started, 14 + 28),
  });
  await talk(em, tenantId, f2, mentor, [
    { from: f2, body: s.request, at: ago(now, 21) },
    { from: mentor, body: s.replies[0], at: ago(now, 20) },
    { from: f2, body: s.replies[1], at: ago(now, 19, 20) },
    { from: mentor, body: s.replies[2], at: ago(now, 1, 3) },
  ]);
  await meeting(em, tenantId, active, mentor, {
    on: ago(now, 16),
    minutes: 60,
    way: 'video',
    topics: ['finance'],
    note: s.note,
  });
  await meeting(em, tenantId, active, f2, {
    on: ago(now, 2),
    minutes: 45,
    way: 'video',
    topics: ['finance', 'sales'],
  });
  for (const [i, title] of s.goals.entries()) {
    await em.query(
      `INSERT INTO engagement_goals (tenant_id, engagement_id, created_by, title, target_date, progress,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [
        tenantId,
        active,
        i === 0 ? mentor : f2,
        title,
        isoDate(addDays(now, 30 + 30 * i)),
        i === 0 ? 50 : 25,
        ago(now, 15),
      ],
    );
  }
  await em.query(
    `INSERT INTO engagement_checkins (tenant_id, engagement_id, member_id, token_hash, sent_at, expires_at,
       answered_at, met, feeling)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true, 'great'), ($1, $2, $8, $9, $5, $6, $7, true, 'ok')`,
    [
      tenantId,
      active,
      f2,
      `demo-${active}-e`,
      ago(now, 6),
      addDays(ago(now, 6), 14),
      ago(now, 5),
      mentor,
      `demo-${active}-m`,
    ],
  );

  // Waiting for mentor@'s answer, and an offer waiting for founder8.
  await request(em, tenantId, {
    entrepreneur: f3,
    mentor,
    message: s.waiting,
    status: 'open',
    createdAt: ago(now, 2),
  });
  await request(em, tenantId, {
    entrepreneur: f8,
    mentor: m3,
    message: s.invite,
    status: 'open',
    createdAt: ago(now, 1),
    initiatedBy: 'mentor',
  });
  // Declined (a private reason) and expired.
  await request(em, tenantId, {
    entrepreneur: f4,
    mentor: m2,
    message: s.short,
    status: 'declined',
    reason: 'busy',
    createdAt: ago(now, 10),
    answeredAt: ago(now, 9),
  });
  await request(em, tenantId, {
    entrepreneur: f5,
    mentor: m3,
    message: s.short,
    status: 'expired',
    createdAt: ago(now, 12),
    answeredAt: ago(now, 5),
  });

  // Completed, with feedback from both; closed early, with feedback from one.
  const done = await engagement(em, tenantId, {
    requestId: await request(em, tenantId, {
      entrepreneur: f6,
      mentor: m2,
      message: s.request,
      status: 'accepted',
      createdAt: ago(now, 101),
      answeredAt: ago(now, 100),
    }),
    entrepreneur: f6,
    mentor: m2,
    startedAt: ago(now, 100),
    status: 'completed',
    endedAt: ago(now, 10),
    endedBy: m2,
    reason: 'goals_met',
  });
  for (const days of [95, 70, 45, 20]) {
    await meeting(em, tenantId, done, m2, {
      on: ago(now, days),
      minutes: 60,
      way: 'video',
      topics: ['finance'],
    });
  }
  await em.query(
    `INSERT INTO engagement_feedback (tenant_id, engagement_id, member_id, rating, comment, created_at)
     VALUES ($1, $2, $3, 5, $4, $5), ($1, $2, $6, 5, $7, $5)`,
    [tenantId, done, f6, s.praise[0], ago(now, 9), m2, s.praise[1]],
  );
  await talk(em, tenantId, f6, m2, [
    { from: f6, body: s.request, at: ago(now, 101) },
    { from: m2, body: s.replies[0], at: ago(now, 100) },
  ]);
  const closed = await engagement(em, tenantId, {
    requestId: await request(em, tenantId, {
      entrepreneur: f7,
      mentor: m4,
      message: s.short,
      status: 'accepted',
      createdAt: ago(now, 61),
      answeredAt: ago(now, 60),
    }),
    entrepreneur: f7,
    mentor: m4,
    startedAt: ago(now, 60),
    status: 'closed',
    endedAt: ago(now, 30),
    endedBy: f7,
    reason: 'no_time',
  });
  await meeting(em, tenantId, closed, m4, {
    on: ago(now, 50),
    minutes: 30,
    way: 'phone',
    topics: ['legal'],
  });
  await em.query(
    `INSERT INTO engagement_feedback (tenant_id, engagement_id, member_id, rating, comment, created_at)
     VALUES ($1, $2, $3, 4, '', $4)`,
    [tenantId, closed, m4, ago(now, 29)],
  );

  // What the cards show: places taken and real reply times.
  await em.query(`UPDATE mentor_profiles SET active_count = 1 WHERE user_id = $1`, [mentor]);
  for (const [id, hours, lastDays] of [
    [mentor, 20, 1],
    [m2, 30, 3],
    [m3, 168, 12],
    [m4, 50, 29],
  ] as const) {
    await em.query(
      `UPDATE mentor_profiles SET reply_hours = $2, replies_counted = 3, last_active_at = $3 WHERE user_id = $1`,
      [id, hours, ago(now, lastDays)],
    );
  }
  return true;
}

/** Seeds demo mentoring for every demo tenant whose demo people exist and that has none yet. */
export async function seedDemoEngagements(
  db: Database,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  const tenants = (await db.app.query(
    `SELECT t.id, t.slug, v.config->'locale'->>'default' AS locale
       FROM tenants t JOIN tenant_config_versions v ON v.tenant_id = t.id AND v.version = t.config_version`,
  )) as { id: string; slug: string; locale: string }[];
  let seeded = 0;
  for (const tenant of tenants) {
    const done = await runInTenant(db, tenant.id, async (em) => {
      const [{ n }] = (await em.query(
        `SELECT count(*)::int AS n FROM users WHERE email IN ($1, $2)`,
        [`founder8@${tenant.slug}.example`, `mentor4@${tenant.slug}.example`],
      )) as { n: number }[];
      if (n < 2) return false;
      return seedTenant(em, tenant.id, tenant.slug, tenant.locale, now);
    });
    if (done) seeded += 1;
  }
  if (seeded) logger.info({ tenants: seeded }, 'demo mentoring seeded');
  return seeded;
}
