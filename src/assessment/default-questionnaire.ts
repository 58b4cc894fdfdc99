import type { Questionnaire } from './questionnaire-types';

// The business self-assessment every tenant starts from. Written for very small businesses
// (a market stall, a workshop, a small shop, a farm, an online seller): plain words, no jargon.
// Question ids are stored with the answers: never rename or reuse one.

export const DEFAULT_QUESTIONNAIRE: Questionnaire = {
  scale: [
    {
      en: 'Not at all',
      es: 'Nada',
      fr: 'Pas du tout',
      ar: 'لا على الإطلاق',
      id: 'Sama sekali tidak',
    },
    { en: 'A little', es: 'Un poco', fr: 'Un peu', ar: 'قليلًا', id: 'Sedikit' },
    { en: 'Partly', es: 'En parte', fr: 'En partie', ar: 'جزئيًا', id: 'Sebagian' },
    {
      en: 'Mostly',
      es: 'En gran parte',
      fr: 'En grande partie',
      ar: 'في الغالب',
      id: 'Sebagian besar',
    },
    {
      en: 'Fully, and it works well',
      es: 'Totalmente, y funciona bien',
      fr: 'Tout à fait, et ça marche bien',
      ar: 'تمامًا، وبنتائج جيدة',
      id: 'Sepenuhnya, dan berjalan baik',
    },
  ],

  areas: [
    {
      area: 'finance',
      weakness: {
        en: 'Without clear records it is hard to know whether you make money or to get a loan. A mentor can help you set up simple bookkeeping and pricing.',
        es: 'Sin registros claros es difícil saber si ganas dinero o conseguir un préstamo. Un mentor puede ayudarte a llevar unas cuentas sencillas y a fijar bien tus precios.',
        fr: 'Sans comptes clairs, il est difficile de savoir si vous gagnez de l’argent, ou d’obtenir un prêt. Un mentor peut vous aider à tenir des comptes simples et à fixer vos prix.',
        ar: 'من دون سجلات واضحة يصعب أن تعرف هل تحقق ربحًا أم لا، ويصعب الحصول على قرض. يمكن لمرشد أن يساعدك على مسك حسابات بسيطة وتحديد أسعارك بشكل صحيح.',
        id: 'Tanpa catatan yang jelas, sulit mengetahui apakah usaha Anda untung, dan sulit pula mendapatkan pinjaman. Mentor dapat membantu Anda membuat pembukuan sederhana dan menetapkan harga yang tepat.',
      },
      questions: [
        {
          id: 'fin_records',
          need: 'finance.bookkeeping',
          text: {
            en: 'I keep a record of every sale and expense',
            es: 'Anoto cada venta y cada gasto',
            fr: 'Je note chaque vente et chaque dépense',
            ar: 'أسجّل كل عملية بيع وكل مصروف',
            id: 'Saya mencatat setiap penjualan dan pengeluaran',
          },
        },
        {
          id: 'fin_costs',
          need: 'finance.pricing',
          text: {
            en: 'I know what each product costs me to make or buy',
            es: 'Sé cuánto me cuesta hacer o comprar cada producto',
            fr: 'Je sais combien me coûte chaque produit à fabriquer ou à acheter',
            ar: 'أعرف كم يكلّفني صنع كل منتج أو شراؤه',
            id: 'Saya tahu berapa biaya untuk membuat atau membeli setiap produk',
          },
        },
        {
          id: 'fin_separate',
          need: 'finance.cash_flow',
          text: {
            en: 'I keep the business money separate from my household money',
            es: 'Mantengo el dinero del negocio separado del dinero de la casa',
            fr: 'Je garde l’argent de mon activité séparé de celui de mon foyer',
            ar: 'أفصل أموال المشروع عن مصروف البيت',
            id: 'Saya memisahkan uang usaha dari uang rumah tangga',
          },
        },
        {
          id: 'fin_savings',
          need: 'finance.financial_planning',
          text: {
            en: 'I put money aside for slow months, repairs or new stock',
            es: 'Guardo dinero para los meses flojos, las reparaciones o la compra de mercancía',
            fr: 'Je mets de l’argent de côté pour les mois creux, les réparations ou le stock',
            ar: 'أدّخر مالًا لأشهر الركود والإصلاحات وشراء بضاعة جديدة',
            id: 'Saya menyisihkan uang untuk bulan-bulan sepi, perbaikan, atau stok baru',
          },
        },
      ],
    },
    {
      area: 'marketing',
      weakness: {
        en: 'If people do not know your business or why to choose it, sales stay low. A mentor can help you understand your customers and reach more of them, including online.',
        es: 'Si la gente no conoce tu negocio o no sabe por qué elegirlo, las ventas se quedan bajas. Un mentor puede ayudarte a entender a tus clientes y a llegar a más personas, también por internet.',
        fr: 'Si les gens ne connaissent pas votre activité ou ne savent pas pourquoi la choisir, les ventes restent faibles. Un mentor peut vous aider à mieux comprendre vos clients et à en toucher davantage, y compris en ligne.',
        ar: 'إذا لم يعرف الناس مشروعك أو سبب اختياره، تبقى المبيعات ضعيفة. يمكن لمرشد أن يساعدك على فهم عملائك والوصول إلى عدد أكبر منهم، بما في ذلك عبر الإنترنت.',
        id: 'Jika orang tidak mengenal usaha Anda atau tidak tahu alasan untuk memilihnya, penjualan akan tetap rendah. Mentor dapat membantu Anda memahami pelanggan dan menjangkau lebih banyak orang, termasuk secara daring.',
      },
      questions: [
        {
          id: 'mkt_customers',
          need: 'marketing.market_research',
          text: {
            en: 'I know who my customers are and what they want',
            es: 'Sé quiénes son mis clientes y qué quieren',
            fr: 'Je sais qui sont mes clients et ce qu’ils veulent',
            ar: 'أعرف من هم عملائي وماذا يريدون',
            id: 'Saya tahu siapa pelanggan saya dan apa yang mereka inginkan',
          },
        },
        {
          id: 'mkt_different',
          need: 'marketing.branding',
          text: {
            en: 'I can say in one sentence why people should buy from me and not from others',
            es: 'Puedo decir en una frase por qué la gente debería comprarme a mí y no a otros',
            fr: 'Je peux dire en une phrase pourquoi on devrait acheter chez moi plutôt qu’ailleurs',
            ar: 'أستطيع أن أقول في جملة واحدة لماذا ينبغي أن يشتري الناس مني لا من غيري',
            id: 'Saya bisa menjelaskan dalam satu kalimat mengapa orang sebaiknya membeli dari saya, bukan dari yang lain',
          },
        },
        {
          id: 'mkt_social',
          need: 'marketing.social_media',
          text: {
            en: 'I show my products or services on social media or messaging apps, such as WhatsApp or Facebook',
            es: 'Muestro mis productos o servicios en redes sociales o aplicaciones de mensajería, como WhatsApp o Facebook',
            fr: 'Je montre mes produits ou services sur les réseaux sociaux ou les messageries, comme WhatsApp ou Facebook',
            ar: 'أعرض منتجاتي أو خدماتي على وسائل التواصل الاجتماعي أو تطبيقات المراسلة، مثل واتساب أو فيسبوك',
            id: 'Saya menampilkan produk atau jasa saya di media sosial atau aplikasi pesan, seperti WhatsApp atau Facebook',
          },
        },
        {
          id: 'mkt_feedback',
          need: 'marketing.customer_experience',
          text: {
            en: 'I ask customers what they think and use their answers to improve',
            es: 'Pregunto a mis clientes qué opinan y uso sus respuestas para mejorar',
            fr: 'Je demande l’avis de mes clients et je m’en sers pour m’améliorer',
            ar: 'أسأل عملائي عن رأيهم وأستفيد من إجاباتهم في التحسين',
            id: 'Saya meminta pendapat pelanggan dan menggunakannya untuk memperbaiki usaha saya',
          },
        },
      ],
    },
    {
      area: 'sales',
      weakness: {
        en: 'Without a steady way to find and keep buyers, your income goes up and down. A mentor can help you plan your sales, win new customers and negotiate better deals.',
        es: 'Sin una forma constante de conseguir y mantener compradores, tus ingresos suben y bajan. Un mentor puede ayudarte a planificar tus ventas, conseguir clientes nuevos y negociar mejores acuerdos.',
        fr: 'Sans moyen régulier de trouver et de garder des acheteurs, vos revenus montent et descendent. Un mentor peut vous aider à organiser vos ventes, à gagner de nouveaux clients et à mieux négocier.',
        ar: 'من دون طريقة ثابتة لإيجاد المشترين والمحافظة عليهم، يظل دخلك متقلبًا. يمكن لمرشد أن يساعدك على تخطيط مبيعاتك وكسب عملاء جدد والتفاوض على صفقات أفضل.',
        id: 'Tanpa cara yang tetap untuk mendapatkan dan mempertahankan pembeli, pendapatan Anda akan naik turun. Mentor dapat membantu Anda merencanakan penjualan, mendapatkan pelanggan baru, dan bernegosiasi dengan lebih baik.',
      },
      questions: [
        {
          id: 'sal_new_customers',
          need: 'sales.customer_acquisition',
          text: {
            en: 'I have a regular way to find new customers',
            es: 'Tengo una forma habitual de conseguir clientes nuevos',
            fr: 'J’ai une méthode pour trouver régulièrement de nouveaux clients',
            ar: 'لديّ طريقة منتظمة لإيجاد عملاء جدد',
            id: 'Saya memiliki cara tetap untuk mendapatkan pelanggan baru secara rutin',
          },
        },
        {
          id: 'sal_target',
          need: 'sales.sales_strategy',
          text: {
            en: 'I set a sales goal for each week or month and check whether I reach it',
            es: 'Me pongo una meta de ventas para cada semana o mes y reviso si la cumplo',
            fr: 'Je me fixe un objectif de ventes pour chaque semaine ou chaque mois et je vérifie si je l’atteins',
            ar: 'أضع هدفًا للمبيعات لكل أسبوع أو شهر، وأتحقق مما إذا كنت قد بلغته',
            id: 'Saya menetapkan target penjualan setiap minggu atau bulan dan memeriksa apakah target itu tercapai',
          },
        },
        {
          id: 'sal_negotiate',
          need: 'sales.negotiation',
          text: {
            en: 'I feel confident negotiating prices and terms with buyers and suppliers',
            es: 'Sé negociar precios y condiciones con compradores y proveedores',
            fr: 'Je suis à l’aise pour négocier les prix et les conditions avec les acheteurs et les fournisseurs',
            ar: 'أتفاوض بثقة على الأسعار والشروط مع المشترين والموردين',
            id: 'Saya percaya diri saat menegosiasikan harga dan syarat dengan pembeli dan pemasok',
          },
        },
        {
          id: 'sal_partners',
          need: 'sales.partnerships',
          text: {
            en: 'I work with other businesses or groups that help me reach more buyers',
            es: 'Trabajo con otros negocios o grupos que me ayudan a llegar a más compradores',
            fr: 'Je travaille avec d’autres entreprises ou groupements qui m’aident à toucher plus d’acheteurs',
            ar: 'أتعاون مع مشاريع أو مجموعات أخرى تساعدني على الوصول إلى مشترين أكثر',
            id: 'Saya bekerja sama dengan usaha atau kelompok lain yang membantu saya menjangkau lebih banyak pembeli',
          },
        },
      ],
    },
    {
      area: 'operations',
      weakness: {
        en: 'Running out of stock, unreliable suppliers or uneven quality cost you money and customers. A mentor can help you organise your stock, suppliers and daily work.',
        es: 'Quedarte sin mercancía, tener proveedores poco fiables o una calidad irregular te hace perder dinero y clientes. Un mentor puede ayudarte a organizar tu inventario, tus proveedores y tu trabajo diario.',
        fr: 'Les ruptures de stock, les fournisseurs peu fiables ou une qualité irrégulière vous font perdre de l’argent et des clients. Un mentor peut vous aider à organiser votre stock, vos fournisseurs et votre travail au quotidien.',
        ar: 'نفاد البضاعة أو عدم الاعتماد على الموردين أو تفاوت الجودة، كلها أمور تكلفك مالًا وعملاء. يمكن لمرشد أن يساعدك على تنظيم مخزونك ومورديك وعملك اليومي.',
        id: 'Stok yang sering habis, pemasok yang tidak dapat diandalkan, atau kualitas yang naik turun membuat Anda kehilangan uang dan pelanggan. Mentor dapat membantu Anda mengatur stok, pemasok, dan pekerjaan sehari-hari.',
      },
      questions: [
        {
          id: 'ops_stock',
          need: 'operations.inventory',
          text: {
            en: 'I know how much stock or material I have and order more before it runs out',
            es: 'Sé cuánta mercancía o material tengo y pido más antes de que se acabe',
            fr: 'Je sais ce qu’il me reste en stock ou en matériel et je recommande avant d’en manquer',
            ar: 'أعرف كمية البضاعة أو المواد المتوفرة لديّ، وأطلب المزيد قبل أن تنفد',
            id: 'Saya tahu jumlah stok atau bahan yang saya miliki dan memesan lagi sebelum habis',
          },
        },
        {
          id: 'ops_suppliers',
          need: 'operations.supply_chain',
          text: {
            en: 'I have reliable suppliers, and another option if one lets me down',
            es: 'Tengo proveedores de confianza, y otra opción si alguno me falla',
            fr: 'J’ai des fournisseurs fiables, et une autre solution si l’un d’eux me fait défaut',
            ar: 'لديّ موردون موثوقون، وبديل جاهز إذا خذلني أحدهم',
            id: 'Saya memiliki pemasok yang dapat diandalkan, dan pilihan lain jika salah satunya gagal memasok',
          },
        },
        {
          id: 'ops_quality',
          need: 'operations.quality',
          text: {
            en: 'My products or services are of the same good quality every time',
            es: 'Mis productos o servicios tienen siempre la misma buena calidad',
            fr: 'Mes produits ou services sont de bonne qualité, à chaque fois',
            ar: 'تحافظ منتجاتي أو خدماتي على الجودة الجيدة نفسها في كل مرة',
            id: 'Kualitas produk atau jasa saya selalu baik dan sama setiap kali',
          },
        },
        {
          id: 'ops_waste',
          need: 'operations.productivity',
          text: {
            en: 'I organise my daily work so that little time or material is wasted',
            es: 'Organizo mi trabajo diario para no perder tiempo ni material',
            fr: 'J’organise mon travail quotidien pour perdre peu de temps et de matériel',
            ar: 'أنظّم عملي اليومي بحيث لا يضيع إلا القليل من الوقت والمواد',
            id: 'Saya mengatur pekerjaan sehari-hari agar waktu dan bahan tidak banyak terbuang',
          },
        },
      ],
    },
    {
      area: 'people',
      weakness: {
        en: 'When tasks and pay are not clear, people work less well and leave. A mentor can help you find, organise and keep a good team.',
        es: 'Cuando las tareas y los pagos no están claros, la gente trabaja peor y se va. Un mentor puede ayudarte a encontrar, organizar y conservar un buen equipo.',
        fr: 'Quand les tâches et la paie ne sont pas claires, les gens travaillent moins bien et s’en vont. Un mentor peut vous aider à recruter, organiser et garder une bonne équipe.',
        ar: 'عندما لا تكون المهام والأجور واضحة، يقل أداء العاملين ويتركون العمل. يمكن لمرشد أن يساعدك على اختيار فريق جيد وتنظيمه والمحافظة عليه.',
        id: 'Jika tugas dan upah tidak jelas, orang bekerja kurang baik lalu berhenti. Mentor dapat membantu Anda merekrut, mengatur, dan mempertahankan tim yang baik.',
      },
      questions: [
        {
          id: 'ppl_roles',
          need: 'people.team_management',
          text: {
            en: 'Everyone who works with me, including family, knows what their tasks are',
            es: 'Todas las personas que trabajan conmigo, incluida mi familia, saben cuáles son sus tareas',
            fr: 'Toutes les personnes qui travaillent avec moi, y compris ma famille, savent quelles sont leurs tâches',
            ar: 'يعرف كل من يعمل معي، بمن فيهم أفراد أسرتي، ما هي مهامه',
            id: 'Semua orang yang bekerja dengan saya, termasuk keluarga, tahu apa tugas mereka',
          },
        },
        {
          id: 'ppl_hiring',
          need: 'people.hiring',
          text: {
            en: 'When I need help, I know how to find and choose the right person',
            es: 'Cuando necesito ayuda, sé cómo encontrar y elegir a la persona adecuada',
            fr: 'Quand j’ai besoin d’aide, je sais trouver et choisir la bonne personne',
            ar: 'عندما أحتاج إلى مساعدة، أعرف كيف أجد الشخص المناسب وأختاره',
            id: 'Saat membutuhkan bantuan, saya tahu cara mencari dan memilih orang yang tepat',
          },
        },
        {
          id: 'ppl_pay',
          need: 'people.payroll_hr',
          text: {
            en: 'I pay the people who work with me fairly and on time, and keep a record of it',
            es: 'Pago a quienes trabajan conmigo de forma justa y puntual, y lo dejo anotado',
            fr: 'Je paie les personnes qui travaillent avec moi correctement et à temps, et je le note',
            ar: 'أدفع لمن يعمل معي أجرًا عادلًا في موعده، وأسجّل ذلك',
            id: 'Saya membayar orang yang bekerja dengan saya secara adil dan tepat waktu, serta mencatatnya',
          },
        },
        {
          id: 'ppl_motivation',
          need: 'people.culture',
          text: {
            en: 'The people who work with me are motivated and want to stay',
            es: 'Las personas que trabajan conmigo están motivadas y quieren quedarse',
            fr: 'Les personnes qui travaillent avec moi sont motivées et veulent rester',
            ar: 'من يعملون معي متحمسون ويرغبون في البقاء',
            id: 'Orang-orang yang bekerja dengan saya bersemangat dan ingin terus bekerja bersama saya',
          },
        },
      ],
    },
    {
      area: 'legal',
      weakness: {
        en: 'Working without the right registration, permits or written agreements can lead to fines and lost deals, and can keep you from loans and larger buyers. A mentor can help you understand the rules that apply to you and the steps to follow.',
        es: 'Trabajar sin el registro, los permisos o los acuerdos por escrito necesarios puede traerte multas y hacerte perder negocios, y también cerrarte el acceso a préstamos y a compradores grandes. Un mentor puede ayudarte a entender las normas que te aplican y los pasos que debes seguir.',
        fr: 'Travailler sans immatriculation, sans autorisations ou sans accords écrits peut entraîner des amendes et des affaires perdues, et vous fermer l’accès aux prêts et aux gros clients. Un mentor peut vous aider à comprendre les règles qui s’appliquent à vous et les démarches à suivre.',
        ar: 'العمل من دون تسجيل أو تراخيص أو اتفاقات مكتوبة قد يعرّضك للغرامات ويضيّع عليك صفقات، ويحرمك من القروض ومن المشترين الكبار. يمكن لمرشد أن يساعدك على فهم القواعد التي تنطبق عليك والخطوات التي عليك اتباعها.',
        id: 'Menjalankan usaha tanpa pendaftaran, izin, atau perjanjian tertulis dapat berujung pada denda dan hilangnya peluang, serta menyulitkan Anda mendapatkan pinjaman dan pembeli besar. Mentor dapat membantu Anda memahami aturan yang berlaku bagi usaha Anda dan langkah yang perlu diambil.',
      },
      questions: [
        {
          id: 'leg_registered',
          need: 'legal.registration',
          text: {
            en: 'My business is registered, or I know the steps to register it',
            es: 'Mi negocio está registrado, o sé qué pasos seguir para registrarlo',
            fr: 'Mon activité est immatriculée, ou je connais les démarches pour le faire',
            ar: 'مشروعي مسجّل، أو أعرف خطوات تسجيله',
            id: 'Usaha saya sudah terdaftar, atau saya tahu langkah-langkah untuk mendaftarkannya',
          },
        },
        {
          id: 'leg_permits',
          need: 'legal.compliance',
          text: {
            en: 'I have the licences and permits my work needs, such as health or trading permits',
            es: 'Tengo las licencias y permisos que necesita mi actividad, como el permiso sanitario o la licencia comercial',
            fr: 'J’ai les licences et autorisations nécessaires à mon activité, par exemple sanitaires ou commerciales',
            ar: 'لديّ التراخيص والتصاريح التي يحتاجها عملي، مثل التصاريح الصحية أو التجارية',
            id: 'Saya memiliki izin yang diperlukan untuk usaha saya, seperti izin kesehatan atau izin usaha',
          },
        },
        {
          id: 'leg_written',
          need: 'legal.contracts',
          text: {
            en: 'I put important agreements with customers, suppliers or partners in writing',
            es: 'Pongo por escrito los acuerdos importantes con clientes, proveedores o socios',
            fr: 'Je mets par écrit les accords importants avec mes clients, fournisseurs ou partenaires',
            ar: 'أوثّق كتابيًا الاتفاقات المهمة مع العملاء أو الموردين أو الشركاء',
            id: 'Saya membuat perjanjian tertulis untuk kesepakatan penting dengan pelanggan, pemasok, atau mitra',
          },
        },
        {
          id: 'leg_tax',
          need: 'finance.tax',
          text: {
            en: 'I know which taxes and fees my business has to pay',
            es: 'Sé qué impuestos y tasas tiene que pagar mi negocio',
            fr: 'Je sais quels impôts et taxes mon activité doit payer',
            ar: 'أعرف الضرائب والرسوم التي يجب على مشروعي دفعها',
            id: 'Saya tahu pajak dan retribusi apa saja yang wajib dibayar oleh usaha saya',
          },
        },
      ],
    },
    {
      area: 'digital',
      weakness: {
        en: 'More and more customers look for businesses and pay by phone. A mentor can help you choose simple tools to sell, get paid and keep track of your business.',
        es: 'Cada vez más clientes buscan negocios y pagan desde el teléfono. Un mentor puede ayudarte a elegir herramientas sencillas para vender, cobrar y llevar el control de tu negocio.',
        fr: 'De plus en plus de clients cherchent les commerces et paient avec leur téléphone. Un mentor peut vous aider à choisir des outils simples pour vendre, encaisser et suivre votre activité.',
        ar: 'يبحث عدد متزايد من العملاء عن المشاريع ويدفعون عبر الهاتف. يمكن لمرشد أن يساعدك على اختيار أدوات بسيطة للبيع وتحصيل المدفوعات ومتابعة مشروعك.',
        id: 'Semakin banyak pelanggan mencari usaha dan membayar lewat ponsel. Mentor dapat membantu Anda memilih alat sederhana untuk berjualan, menerima pembayaran, dan memantau usaha Anda.',
      },
      questions: [
        {
          id: 'dig_presence',
          need: 'digital.website',
          text: {
            en: 'My business has a website or online page with up-to-date prices, opening hours and contact details',
            es: 'Mi negocio tiene una página en internet con precios, horarios y datos de contacto al día',
            fr: 'Mon activité a un site ou une page en ligne avec des prix, des horaires et des coordonnées à jour',
            ar: 'لمشروعي موقع أو صفحة على الإنترنت تعرض الأسعار ومواعيد العمل وبيانات التواصل بشكل محدّث',
            id: 'Usaha saya memiliki situs web atau halaman daring dengan harga, jam buka, dan kontak yang selalu diperbarui',
          },
        },
        {
          id: 'dig_online_orders',
          need: 'digital.ecommerce',
          text: {
            en: 'Customers can order from me online or by message, not only in person',
            es: 'Los clientes pueden hacerme pedidos por internet o por mensaje, no solo en persona',
            fr: 'Les clients peuvent me commander en ligne ou par message, pas seulement en personne',
            ar: 'يستطيع العملاء الطلب مني عبر الإنترنت أو بالرسائل، لا وجهًا لوجه فقط',
            id: 'Pelanggan dapat memesan kepada saya secara daring atau lewat pesan, tidak hanya secara langsung',
          },
        },
        {
          id: 'dig_payments',
          need: 'digital.software_tools',
          text: {
            en: 'I accept digital payments, such as mobile money, card or bank transfer',
            es: 'Acepto pagos digitales, como dinero móvil, tarjeta o transferencia bancaria',
            fr: 'J’accepte les paiements numériques, comme le paiement mobile, la carte ou le virement',
            ar: 'أقبل الدفع الرقمي، مثل الدفع عبر الهاتف المحمول أو البطاقة أو التحويل البنكي',
            id: 'Saya menerima pembayaran digital, seperti dompet digital, kartu, atau transfer bank',
          },
        },
        {
          id: 'dig_data',
          need: 'digital.data',
          text: {
            en: 'I look at my sales figures to see what sells best and when',
            es: 'Reviso mis cifras de ventas para ver qué se vende mejor y cuándo',
            fr: 'Je regarde mes chiffres de vente pour voir ce qui se vend le mieux, et à quel moment',
            ar: 'أراجع أرقام مبيعاتي لأعرف ما الذي يُباع أكثر ومتى',
            id: 'Saya melihat data penjualan untuk mengetahui apa yang paling laku dan kapan',
          },
        },
      ],
    },
    {
      area: 'strategy',
      weakness: {
        en: 'Without clear goals, daily work takes all your time and the business stops growing. A mentor can help you set goals, plan ahead and make decisions with confidence.',
        es: 'Sin metas claras, el trabajo diario se lleva todo tu tiempo y el negocio deja de crecer. Un mentor puede ayudarte a fijar metas, planificar y tomar decisiones con seguridad.',
        fr: 'Sans objectifs clairs, le travail quotidien prend tout votre temps et l’activité cesse de se développer. Un mentor peut vous aider à fixer des objectifs, à anticiper et à prendre vos décisions en confiance.',
        ar: 'من دون أهداف واضحة، يستهلك العمل اليومي كل وقتك ويتوقف المشروع عن النمو. يمكن لمرشد أن يساعدك على تحديد أهدافك والتخطيط للمستقبل واتخاذ قراراتك بثقة.',
        id: 'Tanpa tujuan yang jelas, pekerjaan sehari-hari menyita seluruh waktu Anda dan usaha berhenti berkembang. Mentor dapat membantu Anda menetapkan tujuan, membuat rencana, dan mengambil keputusan dengan yakin.',
      },
      questions: [
        {
          id: 'str_goals',
          need: 'strategy.business_planning',
          text: {
            en: 'I have written down my goals for the next year and how I will reach them',
            es: 'Tengo por escrito mis metas para el próximo año y cómo las voy a alcanzar',
            fr: 'J’ai écrit mes objectifs pour l’année qui vient et la façon de les atteindre',
            ar: 'دوّنت أهدافي للعام المقبل وكيف سأحققها',
            id: 'Saya sudah menuliskan tujuan usaha untuk tahun depan dan cara mencapainya',
          },
        },
        {
          id: 'str_decisions',
          need: 'strategy.decision_making',
          text: {
            en: 'I make decisions based on facts and numbers, not only on feeling',
            es: 'Tomo decisiones basadas en hechos y cifras, no solo en la intuición',
            fr: 'Je prends mes décisions à partir de faits et de chiffres, pas seulement à l’intuition',
            ar: 'أتخذ قراراتي بناءً على الحقائق والأرقام، لا على الإحساس وحده',
            id: 'Saya mengambil keputusan berdasarkan fakta dan angka, bukan hanya perasaan',
          },
        },
        {
          id: 'str_growth',
          need: 'strategy.growth',
          text: {
            en: 'I know what I need to do to grow, such as new products, new places or more customers',
            es: 'Sé qué tengo que hacer para crecer, como sacar productos nuevos, ir a nuevos lugares o tener más clientes',
            fr: 'Je sais ce que je dois faire pour me développer : nouveaux produits, nouveaux lieux ou plus de clients',
            ar: 'أعرف ما عليّ فعله لتنمية مشروعي، مثل منتجات جديدة أو أماكن جديدة أو عملاء أكثر',
            id: 'Saya tahu apa yang perlu dilakukan agar usaha berkembang, misalnya produk baru, tempat baru, atau pelanggan yang lebih banyak',
          },
        },
        {
          id: 'str_delegate',
          need: 'strategy.leadership',
          text: {
            en: 'I can hand tasks over to others, and the business keeps running when I am away',
            es: 'Puedo dejar tareas en manos de otras personas, y el negocio sigue funcionando cuando no estoy',
            fr: 'Je sais confier des tâches à d’autres, et l’activité continue de tourner en mon absence',
            ar: 'أستطيع تكليف غيري بالمهام، ويستمر العمل عندما أغيب',
            id: 'Saya dapat menyerahkan tugas kepada orang lain, dan usaha tetap berjalan saat saya tidak ada',
          },
        },
      ],
    },
    {
      area: 'funding',
      weakness: {
        en: 'If you do not know your options, it is hard to find money to grow or to get through a difficult time. A mentor can help you find the right kind of funding and prepare your application.',
        es: 'Si no conoces tus opciones, es difícil conseguir dinero para crecer o para superar una época difícil. Un mentor puede ayudarte a encontrar el tipo de financiación adecuado y a preparar tu solicitud.',
        fr: 'Si vous ne connaissez pas les solutions possibles, il est difficile de trouver de l’argent pour vous développer ou passer un cap difficile. Un mentor peut vous aider à trouver le bon financement et à préparer votre demande.',
        ar: 'إذا لم تكن تعرف الخيارات المتاحة، يصعب أن تجد المال اللازم للنمو أو لتجاوز فترة صعبة. يمكن لمرشد أن يساعدك على إيجاد نوع التمويل المناسب وإعداد طلبك.',
        id: 'Jika tidak mengetahui pilihan yang ada, Anda akan sulit mendapatkan dana untuk berkembang atau melewati masa sulit. Mentor dapat membantu Anda menemukan jenis pendanaan yang tepat dan menyiapkan pengajuan.',
      },
      questions: [
        {
          id: 'fun_sources',
          need: 'funding.microfinance',
          text: {
            en: 'I know where to get money for my business near me, such as savings groups, microfinance or cooperatives',
            es: 'Sé dónde conseguir dinero para mi negocio cerca de mí, como grupos de ahorro, microfinancieras o cooperativas',
            fr: 'Je sais où trouver de l’argent pour mon activité près de chez moi, comme les tontines, la microfinance ou les coopératives',
            ar: 'أعرف أين أجد المال لمشروعي في منطقتي، مثل مجموعات الادخار أو مؤسسات التمويل الأصغر أو التعاونيات',
            id: 'Saya tahu tempat mendapatkan dana usaha di sekitar saya, seperti kelompok simpan pinjam, lembaga keuangan mikro, atau koperasi',
          },
        },
        {
          id: 'fun_loan_ready',
          need: 'funding.loans',
          text: {
            en: 'I know what a lender will ask me for, such as documents, records or a guarantee',
            es: 'Sé qué me pedirán para darme un préstamo, como documentos, registros o una garantía',
            fr: 'Je sais ce qu’un prêteur me demandera, comme des documents, des comptes ou une garantie',
            ar: 'أعرف ما ستطلبه مني جهة الإقراض، مثل المستندات أو السجلات أو الضمانات',
            id: 'Saya tahu apa yang akan diminta oleh pemberi pinjaman, seperti dokumen, catatan keuangan, atau jaminan',
          },
        },
        {
          id: 'fun_grants',
          need: 'funding.grants',
          text: {
            en: 'I know about grants, competitions or support programmes my business could apply for',
            es: 'Conozco subvenciones, concursos o programas de apoyo a los que mi negocio podría presentarse',
            fr: 'Je connais des subventions, concours ou programmes d’appui auxquels mon activité pourrait prétendre',
            ar: 'أعرف منحًا أو مسابقات أو برامج دعم يمكن لمشروعي التقدّم إليها',
            id: 'Saya tahu hibah, kompetisi, atau program bantuan yang bisa diikuti oleh usaha saya',
          },
        },
        {
          id: 'fun_use',
          need: 'funding.investors',
          text: {
            en: 'I can explain clearly how more money would help my business grow',
            es: 'Puedo explicar con claridad en qué usaría más dinero para hacer crecer mi negocio',
            fr: 'Je peux expliquer clairement comment un financement aiderait mon activité à se développer',
            ar: 'أستطيع أن أشرح بوضوح كيف سيساعد التمويل الإضافي مشروعي على النمو',
            id: 'Saya dapat menjelaskan dengan jelas bagaimana tambahan dana akan membantu usaha saya berkembang',
          },
        },
      ],
    },
  ],
};
