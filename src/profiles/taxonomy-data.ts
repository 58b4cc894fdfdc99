import type { TaxonomyData } from './taxonomy-types';

// The shared reference data every tenant starts from. Codes are stored in profiles and
// tenant configs: never rename or reuse one. Labels are short menu/checkbox labels.

export const TAXONOMY: TaxonomyData = {
  expertise: [
    {
      code: 'finance',
      label: {
        en: 'Finance and accounting',
        es: 'Finanzas y contabilidad',
        fr: 'Finance et comptabilité',
        ar: 'المالية والمحاسبة',
        id: 'Keuangan dan akuntansi',
      },
      subAreas: [
        {
          code: 'finance.bookkeeping',
          label: {
            en: 'Bookkeeping',
            es: 'Registro de cuentas',
            fr: 'Tenue des comptes',
            ar: 'مسك الدفاتر',
            id: 'Pembukuan',
          },
        },
        {
          code: 'finance.pricing',
          label: {
            en: 'Pricing',
            es: 'Fijación de precios',
            fr: 'Fixation des prix',
            ar: 'التسعير',
            id: 'Penetapan harga',
          },
        },
        {
          code: 'finance.cash_flow',
          label: {
            en: 'Cash flow',
            es: 'Flujo de caja',
            fr: 'Trésorerie',
            ar: 'السيولة النقدية',
            id: 'Arus kas',
          },
        },
        {
          code: 'finance.tax',
          label: { en: 'Tax', es: 'Impuestos', fr: 'Impôts et taxes', ar: 'الضرائب', id: 'Pajak' },
        },
        {
          code: 'finance.financial_planning',
          label: {
            en: 'Financial planning',
            es: 'Planificación financiera',
            fr: 'Planification financière',
            ar: 'التخطيط المالي',
            id: 'Perencanaan keuangan',
          },
        },
      ],
    },
    {
      code: 'marketing',
      label: { en: 'Marketing', es: 'Marketing', fr: 'Marketing', ar: 'التسويق', id: 'Pemasaran' },
      subAreas: [
        {
          code: 'marketing.branding',
          label: {
            en: 'Branding',
            es: 'Imagen de marca',
            fr: 'Image de marque',
            ar: 'العلامة التجارية',
            id: 'Citra merek',
          },
        },
        {
          code: 'marketing.digital_marketing',
          label: {
            en: 'Digital marketing',
            es: 'Marketing digital',
            fr: 'Marketing numérique',
            ar: 'التسويق الرقمي',
            id: 'Pemasaran digital',
          },
        },
        {
          code: 'marketing.social_media',
          label: {
            en: 'Social media',
            es: 'Redes sociales',
            fr: 'Réseaux sociaux',
            ar: 'وسائل التواصل الاجتماعي',
            id: 'Media sosial',
          },
        },
        {
          code: 'marketing.market_research',
          label: {
            en: 'Market research',
            es: 'Estudio de mercado',
            fr: 'Étude de marché',
            ar: 'دراسة السوق',
            id: 'Riset pasar',
          },
        },
        {
          code: 'marketing.customer_experience',
          label: {
            en: 'Customer experience',
            es: 'Experiencia del cliente',
            fr: 'Expérience client',
            ar: 'تجربة العملاء',
            id: 'Pengalaman pelanggan',
          },
        },
      ],
    },
    {
      code: 'sales',
      label: { en: 'Sales', es: 'Ventas', fr: 'Ventes', ar: 'المبيعات', id: 'Penjualan' },
      subAreas: [
        {
          code: 'sales.sales_strategy',
          label: {
            en: 'Sales strategy',
            es: 'Estrategia de ventas',
            fr: 'Stratégie commerciale',
            ar: 'استراتيجية المبيعات',
            id: 'Strategi penjualan',
          },
        },
        {
          code: 'sales.negotiation',
          label: {
            en: 'Negotiation',
            es: 'Negociación',
            fr: 'Négociation',
            ar: 'التفاوض',
            id: 'Negosiasi',
          },
        },
        {
          code: 'sales.customer_acquisition',
          label: {
            en: 'Finding new customers',
            es: 'Captación de clientes',
            fr: 'Recherche de nouveaux clients',
            ar: 'جذب عملاء جدد',
            id: 'Mencari pelanggan baru',
          },
        },
        {
          code: 'sales.partnerships',
          label: {
            en: 'Partnerships',
            es: 'Alianzas',
            fr: 'Partenariats',
            ar: 'الشراكات',
            id: 'Kemitraan',
          },
        },
      ],
    },
    {
      code: 'operations',
      label: {
        en: 'Operations',
        es: 'Operaciones',
        fr: 'Opérations',
        ar: 'العمليات',
        id: 'Operasional',
      },
      subAreas: [
        {
          code: 'operations.supply_chain',
          label: {
            en: 'Suppliers and supply chain',
            es: 'Proveedores y cadena de suministro',
            fr: 'Fournisseurs et approvisionnement',
            ar: 'الموردون وسلسلة التوريد',
            id: 'Pemasok dan rantai pasok',
          },
        },
        {
          code: 'operations.inventory',
          label: {
            en: 'Stock management',
            es: 'Gestión de inventario',
            fr: 'Gestion des stocks',
            ar: 'إدارة المخزون',
            id: 'Pengelolaan stok',
          },
        },
        {
          code: 'operations.quality',
          label: { en: 'Quality', es: 'Calidad', fr: 'Qualité', ar: 'الجودة', id: 'Kualitas' },
        },
        {
          code: 'operations.logistics',
          label: {
            en: 'Logistics and delivery',
            es: 'Logística y entregas',
            fr: 'Logistique et livraison',
            ar: 'الخدمات اللوجستية والتوصيل',
            id: 'Logistik dan pengiriman',
          },
        },
        {
          code: 'operations.productivity',
          label: {
            en: 'Productivity',
            es: 'Productividad',
            fr: 'Productivité',
            ar: 'الإنتاجية',
            id: 'Produktivitas',
          },
        },
      ],
    },
    {
      code: 'people',
      label: {
        en: 'Human resources',
        es: 'Recursos humanos',
        fr: 'Ressources humaines',
        ar: 'الموارد البشرية',
        id: 'Sumber daya manusia',
      },
      subAreas: [
        {
          code: 'people.hiring',
          label: {
            en: 'Hiring',
            es: 'Contratación de personal',
            fr: 'Recrutement',
            ar: 'التوظيف',
            id: 'Perekrutan',
          },
        },
        {
          code: 'people.team_management',
          label: {
            en: 'Team management',
            es: 'Gestión de equipos',
            fr: 'Gestion d’équipe',
            ar: 'إدارة الفريق',
            id: 'Manajemen tim',
          },
        },
        {
          code: 'people.culture',
          label: {
            en: 'Workplace culture',
            es: 'Cultura de trabajo',
            fr: 'Culture d’entreprise',
            ar: 'ثقافة العمل',
            id: 'Budaya kerja',
          },
        },
        {
          code: 'people.payroll_hr',
          label: {
            en: 'Payroll and HR admin',
            es: 'Nómina y gestión de personal',
            fr: 'Paie et gestion du personnel',
            ar: 'الرواتب وشؤون الموظفين',
            id: 'Penggajian dan administrasi SDM',
          },
        },
      ],
    },
    {
      code: 'legal',
      label: {
        en: 'Legal and formalisation',
        es: 'Aspectos legales y formalización',
        fr: 'Juridique et formalisation',
        ar: 'الشؤون القانونية والتسجيل الرسمي',
        id: 'Hukum dan legalitas usaha',
      },
      subAreas: [
        {
          code: 'legal.registration',
          label: {
            en: 'Business registration',
            es: 'Registro del negocio',
            fr: 'Immatriculation de l’entreprise',
            ar: 'تسجيل المشروع',
            id: 'Pendaftaran usaha',
          },
        },
        {
          code: 'legal.contracts',
          label: { en: 'Contracts', es: 'Contratos', fr: 'Contrats', ar: 'العقود', id: 'Kontrak' },
        },
        {
          code: 'legal.intellectual_property',
          label: {
            en: 'Intellectual property',
            es: 'Propiedad intelectual',
            fr: 'Propriété intellectuelle',
            ar: 'الملكية الفكرية',
            id: 'Kekayaan intelektual',
          },
        },
        {
          code: 'legal.compliance',
          label: {
            en: 'Permits and compliance',
            es: 'Permisos y cumplimiento de normas',
            fr: 'Autorisations et conformité',
            ar: 'التراخيص والامتثال للأنظمة',
            id: 'Perizinan dan kepatuhan',
          },
        },
      ],
    },
    {
      code: 'digital',
      label: {
        en: 'Technology and digital',
        es: 'Tecnología y herramientas digitales',
        fr: 'Technologie et numérique',
        ar: 'التكنولوجيا والأدوات الرقمية',
        id: 'Teknologi dan digital',
      },
      subAreas: [
        {
          code: 'digital.ecommerce',
          label: {
            en: 'E-commerce',
            es: 'Comercio electrónico',
            fr: 'Commerce en ligne',
            ar: 'التجارة الإلكترونية',
            id: 'Berjualan daring (e-commerce)',
          },
        },
        {
          code: 'digital.website',
          label: {
            en: 'Website',
            es: 'Sitio web',
            fr: 'Site web',
            ar: 'الموقع الإلكتروني',
            id: 'Situs web',
          },
        },
        {
          code: 'digital.software_tools',
          label: {
            en: 'Software and apps',
            es: 'Programas y aplicaciones',
            fr: 'Logiciels et applications',
            ar: 'البرامج والتطبيقات',
            id: 'Perangkat lunak dan aplikasi',
          },
        },
        {
          code: 'digital.data',
          label: {
            en: 'Using data',
            es: 'Uso de datos',
            fr: 'Utilisation des données',
            ar: 'الاستفادة من البيانات',
            id: 'Pemanfaatan data',
          },
        },
      ],
    },
    {
      code: 'strategy',
      label: {
        en: 'Strategy and management',
        es: 'Estrategia y gestión',
        fr: 'Stratégie et gestion',
        ar: 'الاستراتيجية والإدارة',
        id: 'Strategi dan manajemen',
      },
      subAreas: [
        {
          code: 'strategy.business_planning',
          label: {
            en: 'Business planning',
            es: 'Plan de negocio',
            fr: 'Plan d’affaires',
            ar: 'خطة العمل',
            id: 'Perencanaan usaha',
          },
        },
        {
          code: 'strategy.leadership',
          label: {
            en: 'Leadership',
            es: 'Liderazgo',
            fr: 'Leadership',
            ar: 'القيادة',
            id: 'Kepemimpinan',
          },
        },
        {
          code: 'strategy.growth',
          label: {
            en: 'Growing the business',
            es: 'Crecimiento del negocio',
            fr: 'Développement de l’entreprise',
            ar: 'تنمية المشروع',
            id: 'Pengembangan usaha',
          },
        },
        {
          code: 'strategy.decision_making',
          label: {
            en: 'Decision-making',
            es: 'Toma de decisiones',
            fr: 'Prise de décision',
            ar: 'اتخاذ القرارات',
            id: 'Pengambilan keputusan',
          },
        },
      ],
    },
    {
      code: 'startup',
      label: {
        en: 'Starting up',
        es: 'Puesta en marcha',
        fr: 'Création d’entreprise',
        ar: 'بدء المشروع',
        id: 'Memulai usaha',
      },
      subAreas: [
        {
          code: 'startup.idea_validation',
          label: {
            en: 'Testing the idea',
            es: 'Validación de la idea',
            fr: 'Validation de l’idée',
            ar: 'اختبار الفكرة',
            id: 'Menguji ide usaha',
          },
        },
        {
          code: 'startup.business_model',
          label: {
            en: 'Business model',
            es: 'Modelo de negocio',
            fr: 'Modèle économique',
            ar: 'نموذج العمل',
            id: 'Model bisnis',
          },
        },
        {
          code: 'startup.first_customers',
          label: {
            en: 'First customers',
            es: 'Primeros clientes',
            fr: 'Premiers clients',
            ar: 'العملاء الأوائل',
            id: 'Pelanggan pertama',
          },
        },
        {
          code: 'startup.mvp',
          label: {
            en: 'First product version (MVP)',
            es: 'Primera versión del producto (PMV)',
            fr: 'Première version du produit (MVP)',
            ar: 'النسخة الأولى من المنتج',
            id: 'Versi awal produk (MVP)',
          },
        },
      ],
    },
    {
      code: 'trade',
      label: {
        en: 'International trade',
        es: 'Comercio internacional',
        fr: 'Commerce international',
        ar: 'التجارة الدولية',
        id: 'Perdagangan internasional',
      },
      subAreas: [
        {
          code: 'trade.export',
          label: {
            en: 'Exporting',
            es: 'Exportación',
            fr: 'Exportation',
            ar: 'التصدير',
            id: 'Ekspor',
          },
        },
        {
          code: 'trade.import',
          label: {
            en: 'Importing',
            es: 'Importación',
            fr: 'Importation',
            ar: 'الاستيراد',
            id: 'Impor',
          },
        },
        {
          code: 'trade.trade_rules',
          label: {
            en: 'Customs and trade rules',
            es: 'Aduanas y normas comerciales',
            fr: 'Douane et règles du commerce',
            ar: 'الجمارك وقواعد التجارة',
            id: 'Bea cukai dan aturan perdagangan',
          },
        },
        {
          code: 'trade.foreign_markets',
          label: {
            en: 'Foreign markets',
            es: 'Mercados extranjeros',
            fr: 'Marchés étrangers',
            ar: 'الأسواق الخارجية',
            id: 'Pasar luar negeri',
          },
        },
      ],
    },
    {
      code: 'sustainability',
      label: {
        en: 'Sustainability',
        es: 'Sostenibilidad',
        fr: 'Développement durable',
        ar: 'الاستدامة',
        id: 'Keberlanjutan',
      },
      subAreas: [
        {
          code: 'sustainability.environment',
          label: {
            en: 'Environmental impact',
            es: 'Impacto ambiental',
            fr: 'Impact environnemental',
            ar: 'الأثر البيئي',
            id: 'Dampak lingkungan',
          },
        },
        {
          code: 'sustainability.social_impact',
          label: {
            en: 'Social impact',
            es: 'Impacto social',
            fr: 'Impact social',
            ar: 'الأثر الاجتماعي',
            id: 'Dampak sosial',
          },
        },
        {
          code: 'sustainability.circular_economy',
          label: {
            en: 'Circular economy',
            es: 'Economía circular',
            fr: 'Économie circulaire',
            ar: 'الاقتصاد الدائري',
            id: 'Ekonomi sirkular',
          },
        },
      ],
    },
    {
      code: 'funding',
      label: {
        en: 'Funding and investment',
        es: 'Financiación e inversión',
        fr: 'Financement et investissement',
        ar: 'التمويل والاستثمار',
        id: 'Pendanaan dan investasi',
      },
      subAreas: [
        {
          code: 'funding.loans',
          label: { en: 'Loans', es: 'Préstamos', fr: 'Prêts', ar: 'القروض', id: 'Pinjaman' },
        },
        {
          code: 'funding.investors',
          label: {
            en: 'Investors',
            es: 'Inversores',
            fr: 'Investisseurs',
            ar: 'المستثمرون',
            id: 'Investor',
          },
        },
        {
          code: 'funding.grants',
          label: { en: 'Grants', es: 'Subvenciones', fr: 'Subventions', ar: 'المنح', id: 'Hibah' },
        },
        {
          code: 'funding.microfinance',
          label: {
            en: 'Microfinance',
            es: 'Microfinanzas',
            fr: 'Microfinance',
            ar: 'التمويل الأصغر',
            id: 'Keuangan mikro',
          },
        },
      ],
    },
  ],

  industries: [
    {
      code: 'agriculture',
      label: {
        en: 'Agriculture',
        es: 'Agricultura',
        fr: 'Agriculture',
        ar: 'الزراعة',
        id: 'Pertanian',
      },
    },
    {
      code: 'food_beverage',
      label: {
        en: 'Food and beverage',
        es: 'Alimentos y bebidas',
        fr: 'Alimentation et boissons',
        ar: 'الأغذية والمشروبات',
        id: 'Makanan dan minuman',
      },
    },
    {
      code: 'retail',
      label: {
        en: 'Retail',
        es: 'Comercio minorista',
        fr: 'Commerce de détail',
        ar: 'تجارة التجزئة',
        id: 'Perdagangan eceran',
      },
    },
    {
      code: 'manufacturing',
      label: {
        en: 'Manufacturing',
        es: 'Manufactura',
        fr: 'Fabrication',
        ar: 'الصناعة التحويلية',
        id: 'Manufaktur',
      },
    },
    {
      code: 'crafts',
      label: {
        en: 'Handicrafts and textiles',
        es: 'Artesanía y textiles',
        fr: 'Artisanat et textile',
        ar: 'الحرف اليدوية والمنسوجات',
        id: 'Kerajinan tangan dan tekstil',
      },
    },
    {
      code: 'fashion',
      label: { en: 'Fashion', es: 'Moda', fr: 'Mode', ar: 'الأزياء', id: 'Fesyen' },
    },
    {
      code: 'technology',
      label: {
        en: 'Technology',
        es: 'Tecnología',
        fr: 'Technologie',
        ar: 'التكنولوجيا',
        id: 'Teknologi',
      },
    },
    {
      code: 'education',
      label: {
        en: 'Education',
        es: 'Educación',
        fr: 'Éducation',
        ar: 'التعليم',
        id: 'Pendidikan',
      },
    },
    {
      code: 'health',
      label: { en: 'Health', es: 'Salud', fr: 'Santé', ar: 'الصحة', id: 'Kesehatan' },
    },
    {
      code: 'tourism',
      label: {
        en: 'Hospitality and tourism',
        es: 'Hostelería y turismo',
        fr: 'Hôtellerie et tourisme',
        ar: 'الضيافة والسياحة',
        id: 'Perhotelan dan pariwisata',
      },
    },
    {
      code: 'transport',
      label: {
        en: 'Transport and logistics',
        es: 'Transporte y logística',
        fr: 'Transport et logistique',
        ar: 'النقل والخدمات اللوجستية',
        id: 'Transportasi dan logistik',
      },
    },
    {
      code: 'construction',
      label: {
        en: 'Construction',
        es: 'Construcción',
        fr: 'Bâtiment et travaux publics',
        ar: 'البناء والتشييد',
        id: 'Konstruksi',
      },
    },
    {
      code: 'professional_services',
      label: {
        en: 'Professional services',
        es: 'Servicios profesionales',
        fr: 'Services professionnels',
        ar: 'الخدمات المهنية',
        id: 'Jasa profesional',
      },
    },
    {
      code: 'creative',
      label: {
        en: 'Creative industries and media',
        es: 'Industrias creativas y medios',
        fr: 'Industries créatives et médias',
        ar: 'الصناعات الإبداعية والإعلام',
        id: 'Industri kreatif dan media',
      },
    },
    {
      code: 'beauty',
      label: {
        en: 'Beauty and personal care',
        es: 'Belleza y cuidado personal',
        fr: 'Beauté et soins personnels',
        ar: 'التجميل والعناية الشخصية',
        id: 'Kecantikan dan perawatan diri',
      },
    },
    {
      code: 'energy',
      label: {
        en: 'Energy and environment',
        es: 'Energía y medio ambiente',
        fr: 'Énergie et environnement',
        ar: 'الطاقة والبيئة',
        id: 'Energi dan lingkungan',
      },
    },
  ],

  stages: [
    {
      code: 'idea',
      label: { en: 'Idea', es: 'Idea', fr: 'Idée', ar: 'فكرة', id: 'Ide' },
    },
    {
      code: 'pre_revenue',
      label: {
        en: 'Operating, no revenue yet',
        es: 'En marcha, aún sin ingresos',
        fr: 'En activité, pas encore de revenus',
        ar: 'قيد التشغيل، دون إيرادات بعد',
        id: 'Sudah berjalan, belum ada pendapatan',
      },
    },
    {
      code: 'revenue',
      label: {
        en: 'Earning revenue, not yet profitable',
        es: 'Con ingresos, aún sin ganancias',
        fr: 'Avec des revenus, pas encore rentable',
        ar: 'يحقق إيرادات، لكن دون أرباح بعد',
        id: 'Sudah ada pendapatan, belum untung',
      },
    },
    {
      code: 'profitable',
      label: {
        en: 'Profitable and growing',
        es: 'Rentable y en crecimiento',
        fr: 'Rentable et en croissance',
        ar: 'مربح وفي نمو',
        id: 'Untung dan terus berkembang',
      },
    },
  ],

  // Annual revenue, in US$ equivalent (the labels do not name a currency).
  revenueBands: [
    {
      code: 'none',
      label: {
        en: 'No revenue yet',
        es: 'Aún sin ingresos',
        fr: 'Pas encore de revenus',
        ar: 'لا إيرادات بعد',
        id: 'Belum ada pendapatan',
      },
    },
    {
      code: 'under_10k',
      label: {
        en: 'Under 10,000 a year',
        es: 'Menos de 10.000 al año',
        fr: 'Moins de 10 000 par an',
        ar: 'أقل من 10,000 سنويًا',
        id: 'Kurang dari 10.000 per tahun',
      },
    },
    {
      code: '10k_50k',
      label: {
        en: '10,000 to 50,000 a year',
        es: 'De 10.000 a 50.000 al año',
        fr: 'De 10 000 à 50 000 par an',
        ar: 'من 10,000 إلى 50,000 سنويًا',
        id: '10.000 sampai 50.000 per tahun',
      },
    },
    {
      code: '50k_250k',
      label: {
        en: '50,000 to 250,000 a year',
        es: 'De 50.000 a 250.000 al año',
        fr: 'De 50 000 à 250 000 par an',
        ar: 'من 50,000 إلى 250,000 سنويًا',
        id: '50.000 sampai 250.000 per tahun',
      },
    },
    {
      code: '250k_1m',
      label: {
        en: '250,000 to 1 million a year',
        es: 'De 250.000 a 1 millón al año',
        fr: 'De 250 000 à 1 million par an',
        ar: 'من 250,000 إلى مليون سنويًا',
        id: '250.000 sampai 1 juta per tahun',
      },
    },
    {
      code: 'over_1m',
      label: {
        en: 'Over 1 million a year',
        es: 'Más de 1 millón al año',
        fr: 'Plus de 1 million par an',
        ar: 'أكثر من مليون سنويًا',
        id: 'Lebih dari 1 juta per tahun',
      },
    },
  ],

  registration: [
    {
      code: 'informal',
      label: {
        en: 'Not registered',
        es: 'Sin registrar',
        fr: 'Non immatriculée',
        ar: 'غير مسجّل',
        id: 'Tidak terdaftar',
      },
    },
    {
      code: 'registering',
      label: {
        en: 'Registration in progress',
        es: 'Registro en trámite',
        fr: 'Immatriculation en cours',
        ar: 'التسجيل قيد الإجراء',
        id: 'Sedang mendaftar',
      },
    },
    {
      code: 'registered',
      label: {
        en: 'Formally registered',
        es: 'Registrado formalmente',
        fr: 'Officiellement immatriculée',
        ar: 'مسجّل رسميًا',
        id: 'Terdaftar resmi',
      },
    },
  ],

  meetingWays: [
    {
      code: 'video',
      label: {
        en: 'Video call',
        es: 'Videollamada',
        fr: 'Visioconférence',
        ar: 'مكالمة فيديو',
        id: 'Panggilan video',
      },
    },
    {
      code: 'phone',
      label: { en: 'Phone', es: 'Teléfono', fr: 'Téléphone', ar: 'الهاتف', id: 'Telepon' },
    },
    {
      code: 'chat',
      label: {
        en: 'Chat / messages',
        es: 'Chat / mensajes',
        fr: 'Messagerie / chat',
        ar: 'الدردشة / الرسائل',
        id: 'Obrolan / pesan',
      },
    },
    {
      code: 'in_person',
      label: {
        en: 'In person',
        es: 'En persona',
        fr: 'En personne',
        ar: 'وجهًا لوجه',
        id: 'Tatap muka',
      },
    },
  ],

  mentoringStyles: [
    {
      code: 'one_off',
      label: {
        en: 'One-off advice',
        es: 'Consejo puntual',
        fr: 'Conseil ponctuel',
        ar: 'استشارة لمرة واحدة',
        id: 'Saran sekali waktu',
      },
    },
    {
      code: 'regular',
      label: {
        en: 'Regular check-ins',
        es: 'Seguimiento periódico',
        fr: 'Points réguliers',
        ar: 'متابعة منتظمة',
        id: 'Pertemuan rutin',
      },
    },
    {
      code: 'long_term',
      label: {
        en: 'Long-term mentoring',
        es: 'Mentoría a largo plazo',
        fr: 'Mentorat à long terme',
        ar: 'إرشاد طويل الأمد',
        id: 'Pendampingan jangka panjang',
      },
    },
  ],
};
