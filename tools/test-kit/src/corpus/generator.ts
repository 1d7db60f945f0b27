/**
 * A seeded generator of job postings in the sources' real formats (MyCareersFuture job detail,
 * Greenhouse board job, Lever posting, USAJOBS search item), for the evaluation test and the bench.
 * The same seed always gives the same postings.
 */

/** One raw posting as a source returns it. */
export interface RawPosting {
  readonly source: 'mcf' | 'greenhouse' | 'lever' | 'usajobs';
  readonly body: Record<string, unknown>;
}

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ROLES = {
  data: {
    titles: [
      'Data Engineer',
      'Senior Data Engineer',
      'Data Engineer II',
      'Lead Data Engineer',
      'Big Data Engineer',
      'Data Platform Engineer',
    ],
    duties: [
      'You will design and operate batch and streaming data pipelines.',
      'Own our warehouse models and the data quality checks around them.',
      'Partner with analysts and scientists to deliver reliable datasets.',
      'Improve the orchestration, monitoring and cost of our ingestion jobs.',
    ],
  },
  analytics: {
    titles: ['Analytics Engineer', 'Senior Analytics Engineer'],
    duties: ['Turn raw events into trusted metrics and semantic models.', 'Work with finance and product to define KPIs and dashboards.'],
  },
  software: {
    titles: ['Software Engineer', 'Backend Engineer', 'Senior Software Engineer', 'Full Stack Developer'],
    duties: ['Build backend services and APIs in Go and Java.', 'Ship features across our web platform with React and TypeScript.'],
  },
  science: {
    titles: ['Data Scientist', 'Machine Learning Engineer', 'Data Analyst', 'BI Analyst'],
    duties: [
      'Train and evaluate machine learning models.',
      'Run experiments and present insights to leadership.',
      'Build dashboards and reports in Tableau.',
    ],
  },
  business: {
    titles: ['Account Executive', 'Sales Development Representative', 'Product Manager', 'Operations Manager', 'Staff Nurse'],
    duties: [
      'Close new business and manage a healthy sales pipeline.',
      'Own the roadmap and talk to customers every week.',
      'Coordinate daily operations and vendors.',
    ],
  },
} as const;

const STACKS = {
  modern: 'Our stack: Spark, Airflow, dbt, Snowflake and Kafka on AWS, with SQL and Python everywhere.',
  legacy: 'Our stack: Informatica, SSIS and Oracle on premise, with mainframe COBOL feeds and SQL stored procedures.',
  none: 'We use SQL and Python.',
} as const;

const DOMAINS = {
  climate: 'We build software that speeds up the move to renewable energy and fights climate change.',
  health: 'Our products help hospitals, clinicians and patients get better care.',
  fintech: 'We run payments infrastructure for banks and merchants.',
  adtech: 'Our advertising platform serves programmatic ads and audience targeting across millions of sites.',
  gambling: 'We operate online betting, sportsbook and casino games.',
  crypto: 'We run a crypto exchange, token trading and a web3 wallet.',
  retail: 'We run e-commerce storefronts for fashion brands.',
  logistics: 'We optimise shipping, warehousing and delivery routes.',
} as const;

const FILLER = [
  'We offer flexible hours and a yearly learning budget.',
  'Join a friendly, diverse team that values clear writing.',
  'You communicate clearly and take ownership of outcomes.',
  'Health insurance, a pension plan and generous leave.',
  'We review every application and reply within two weeks.',
];

const COMPANIES = [
  'Northwind',
  'Contoso',
  'Globex',
  'Initech',
  'Umbrella Labs',
  'Stark Analytics',
  'Wayne Data',
  'Acme Cloud',
  'Hooli',
  'Vandelay',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T extends string>(random: () => number, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

interface Draft {
  readonly id: string;
  readonly title: string;
  readonly company: string;
  readonly paragraphs: string[];
  readonly skills: string[];
  readonly years: number;
  readonly postedAt: string;
}

function draft(random: () => number, index: number): Draft {
  const role = weighted(random, { data: 40, analytics: 10, software: 18, science: 16, business: 16 });
  const stack = role === 'business' ? 'none' : weighted(random, { modern: 55, legacy: 25, none: 20 });
  const domain = pick(random, Object.keys(DOMAINS) as (keyof typeof DOMAINS)[]);
  const years = Math.floor(random() * 9) + 1;
  const duties = [...ROLES[role].duties].sort(() => random() - 0.5).slice(0, 2);
  const paragraphs = [DOMAINS[domain], ...duties, STACKS[stack], `You have ${years}+ years of relevant experience.`, pick(random, FILLER)];
  const skills = stack === 'modern' ? ['Spark', 'Airflow', 'dbt'] : stack === 'legacy' ? ['Informatica', 'SSIS', 'Oracle'] : ['Excel'];
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return {
    id: `gen${String(index).padStart(4, '0')}`,
    title: pick(random, ROLES[role].titles),
    company: pick(random, COMPANIES),
    paragraphs,
    skills,
    years,
    postedAt: `2026-0${1 + Math.floor(random() * 6)}-${day}`,
  };
}

function mcf(random: () => number, d: Draft): RawPosting {
  const monthly = 1000 * (4 + Math.floor(random() * 13));
  return {
    source: 'mcf',
    body: {
      uuid: `${d.id}mcf`,
      title: d.title,
      description: d.paragraphs.map((text) => `<p>${text}</p>`).join(''),
      salary: { minimum: monthly - 1000, maximum: monthly, type: { salaryType: 'Monthly' } },
      skills: d.skills.map((skill) => ({ skill, uuid: skill.toLowerCase() })),
      positionLevels: [{ position: d.years >= 5 ? 'Senior Executive' : 'Professional' }],
      minimumYearsExperience: d.years,
      employmentTypes: [{ employmentType: 'Full Time' }],
      postedCompany: { name: `${d.company.toUpperCase()} PTE. LTD.` },
      address: { street: 'RAFFLES PLACE', postalCode: '048616', isOverseas: false },
      metadata: {
        jobPostId: `MCF-2026-${d.id}`,
        newPostingDate: d.postedAt,
        jobDetailsUrl: `https://www.mycareersfuture.gov.sg/job/${d.id}`,
      },
      status: { jobStatus: 'Open' },
    },
  };
}

function greenhouse(random: () => number, d: Draft): RawPosting {
  const place = pick(random, ['Singapore', 'Remote - APAC', 'London, UK', 'New York, NY', 'Hybrid - London']);
  const html = d.paragraphs.map((text) => `<p>${text}</p>`).join('\n');
  const escaped = html.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  return {
    source: 'greenhouse',
    body: {
      id: 7_000_000 + Number(d.id.slice(3)),
      title: d.title,
      company_name: d.company,
      location: { name: place },
      absolute_url: `https://job-boards.greenhouse.io/${d.company.toLowerCase().replaceAll(' ', '')}/jobs/${d.id}`,
      updated_at: `${d.postedAt}T09:00:00-04:00`,
      first_published: `${d.postedAt}T09:00:00-04:00`,
      content: escaped,
      departments: [{ name: 'Data' }],
      offices: [{ name: place, location: place }],
    },
  };
}

function lever(random: () => number, d: Draft): RawPosting {
  const place = pick(random, ['Singapore', 'Remote', 'London', 'San Francisco']);
  const currency = place === 'London' ? 'GBP' : place === 'Singapore' ? 'SGD' : 'USD';
  const base = 1000 * (50 + Math.floor(random() * 150));
  return {
    source: 'lever',
    body: {
      id: `${d.id}-lever`,
      text: d.title,
      categories: { commitment: 'Full-time', department: 'Engineering', location: place, team: 'Data' },
      createdAt: Date.parse(`${d.postedAt}T00:00:00Z`),
      descriptionPlain: d.paragraphs.slice(0, 2).join('\n'),
      lists: [
        {
          text: 'What you will do',
          content: d.paragraphs
            .slice(2)
            .map((text) => `<li>${text}</li>`)
            .join(''),
        },
      ],
      additionalPlain: `Skills: ${d.skills.join(', ')}`,
      hostedUrl: `https://jobs.lever.co/${d.company.toLowerCase().replaceAll(' ', '')}/${d.id}`,
      workplaceType: place === 'Remote' ? 'remote' : 'onsite',
      salaryRange: { min: base, max: base + 20_000, currency, interval: 'per-year-salary' },
      company: d.company,
    },
  };
}

function usajobs(random: () => number, d: Draft): RawPosting {
  const city = pick(random, ['Washington, District of Columbia', 'Denver, Colorado', 'Chicago, Illinois']);
  const low = 1000 * (50 + Math.floor(random() * 90));
  return {
    source: 'usajobs',
    body: {
      MatchedObjectId: `9${d.id.slice(3)}`,
      MatchedObjectDescriptor: {
        PositionTitle: d.title,
        PositionURI: `https://www.usajobs.gov:443/GetJob/ViewDetails/9${d.id.slice(3)}`,
        PositionLocation: [{ LocationName: city, CountryCode: 'United States', CityName: city }],
        OrganizationName: `${d.company} Agency`,
        PositionRemuneration: [{ MinimumRange: String(low), MaximumRange: String(low + 30_000), RateIntervalCode: 'Per Year' }],
        PublicationStartDate: `${d.postedAt}T00:00:00Z`,
        QualificationSummary: d.paragraphs.at(-2),
        UserArea: {
          Details: {
            JobSummary: d.paragraphs.slice(0, 2).join(' '),
            MajorDuties: d.paragraphs.slice(2, -2),
            RemoteIndicator: random() < 0.2,
          },
        },
      },
    },
  };
}

/** `count` postings spread over the four source formats, from `seed`. */
export function generatePostings(count: number, seed: number): RawPosting[] {
  const random = seededRandom(seed);
  const formats = [mcf, mcf, greenhouse, lever, usajobs];
  return Array.from({ length: count }, (_, index) => pick(random, formats)(random, draft(random, index)));
}
