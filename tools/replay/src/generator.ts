import { SCRAPE_SOURCES } from '@jobpipe/contracts';
import type { ReplayDataset } from './dataset.js';
import type { Recordings } from './recordings.js';
import type { SourceName } from './scrape-request.js';
import type { SeededRandom } from './seeded-random.js';
import { VOCABULARY } from './vocabulary.js';

type Json = Record<string, unknown>;

const TEAMS = [
  'Payments',
  'Search',
  'Growth',
  'Platform',
  'Data',
  'Risk',
  'Mobile',
  'Infrastructure',
  'Identity',
  'Billing',
  'Logistics',
  'Insights',
];
const GENERATED_SOURCES: readonly SourceName[] = SCRAPE_SOURCES;

/** What makes one generated posting distinct: no two share company, title and city (no accidental duplicates). */
interface Identity {
  readonly company: string;
  readonly title: string;
  readonly city: (typeof VOCABULARY.cities)[number];
  readonly skills: string[];
  readonly experience: string;
  readonly descriptionHtml: string;
  readonly postedAt: Date;
  readonly salaryMin: number;
}

class IdentityPool {
  private readonly used = new Set<string>();
  constructor(private readonly random: SeededRandom) {}

  company(): string {
    return `${this.random.pick(VOCABULARY.companyHeads)} ${this.random.pick(VOCABULARY.companyTails)}`;
  }

  draw(company = this.company()): Identity {
    const { random } = this;
    for (;;) {
      const title = `${random.pick(VOCABULARY.titles)}, ${random.pick(TEAMS)}`;
      const city = random.pick(VOCABULARY.cities);
      const key = `${company}|${title}|${city.city}`;
      if (this.used.has(key)) continue;
      this.used.add(key);
      const skills = random.sample(VOCABULARY.skills, random.int(3, 6));
      const experience = random.pick(VOCABULARY.experience);
      const sentences = random.sample(VOCABULARY.sentences, 5);
      const descriptionHtml =
        `<p>${company} is hiring a ${title} in ${city.city}.</p>` +
        `<p>${sentences.slice(0, 3).join(' ')}</p>` +
        `<ul><li>${experience}</li><li>Hands-on with ${skills.join(', ')}</li><li>${sentences[3]}</li></ul>` +
        `<p>${sentences[4]} Reference ${random.hex(8)}.</p>`;
      const postedAt = new Date(Date.UTC(2026, 6, 1) - random.int(0, 60) * 86_400_000);
      return { company, title, city, skills, experience, descriptionHtml, postedAt, salaryMin: random.int(40, 150) * 1000 };
    }
  }
}

const clone = <T>(value: T): T => structuredClone(value);
const day = (date: Date) => date.toISOString().slice(0, 10);
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Splits `total` over the sources, the remainder going to the first ones. */
function share(total: number): Map<SourceName, number> {
  return new Map(
    GENERATED_SOURCES.map((source, index) => [
      source,
      Math.floor(total / GENERATED_SOURCES.length) + (index < total % GENERATED_SOURCES.length ? 1 : 0),
    ]),
  );
}

/** Whether the i-th of n postings of a source is one of its `broken` ones (spread evenly). */
function isBrokenAt(index: number, count: number, broken: number): boolean {
  if (broken <= 0) return false;
  const step = count / broken;
  return Math.floor(index % step) === 0 && Math.floor(index / step) < broken;
}

/**
 * Adds `total` generated postings to the dataset, spread over every source, each cloned from that
 * source's recorded sample and varied (ids, titles, companies, places, salaries, text), `broken` of
 * them deliberately unusable in the way real sources break.
 */
export function generatePostings(
  dataset: ReplayDataset,
  recordings: Recordings,
  random: SeededRandom,
  total: number,
  broken: number,
): void {
  const pool = new IdentityPool(random);
  const counts = share(total);
  const brokenCounts = share(broken);
  const generators: Record<SourceName, (count: number, brokenCount: number) => void> = {
    mcf: (count, brokenCount) => {
      const summaryTemplate = recordings.mcfSearch.results[0]!;
      const detailTemplate = JSON.parse([...recordings.mcfDetails.values()][0]!) as Json;
      for (let i = 0; i < count; i++) {
        const who = pool.draw();
        const uuid = random.hex(32);
        const isBroken = isBrokenAt(i, count, brokenCount);
        const monthly = Math.round(who.salaryMin / 12 / 100) * 100;
        const common = {
          uuid,
          title: who.title,
          salary: { minimum: monthly, maximum: monthly + random.int(5, 30) * 100, type: { salaryType: 'Monthly' } },
          postedCompany: {
            ...(summaryTemplate.postedCompany as Json),
            name: who.company.toUpperCase() + ' PTE. LTD.',
            uen: `${random.digits(9)}K`,
          },
          skills: who.skills.map((skill) => ({ skill, uuid: random.hex(32) })),
          metadata: {
            ...(summaryTemplate.metadata as Json),
            jobPostId: `MCF-2026-${random.digits(7)}`,
            newPostingDate: day(who.postedAt),
            updatedAt: `${day(who.postedAt)}T08:00:00`,
            jobDetailsUrl: `https://www.mycareersfuture.gov.sg/job/information-technology/${slug(who.title)}-${uuid}`,
          },
        };
        dataset.mcfSummaries.push({ ...clone(summaryTemplate), ...common });
        const detail: Json = {
          ...clone(detailTemplate),
          ...common,
          metadata: { ...(detailTemplate.metadata as Json), ...common.metadata, originalPostingDate: day(who.postedAt) },
          description: who.descriptionHtml,
          minimumYearsExperience: random.int(0, 8),
          _links: { self: { href: `https://api.mycareersfuture.gov.sg/v2/jobs/${uuid}` } },
        };
        if (isBroken) delete detail.title;
        dataset.mcfDetails.set(uuid, JSON.stringify(detail));
        dataset.postings.push({
          source: 'mcf',
          externalId: uuid,
          broken: isBroken,
          ...(isBroken ? { brokenReason: 'MCF detail without a title' } : {}),
        });
      }
    },
    usajobs: (count, brokenCount) => {
      const template = recordings.usajobsSearch.SearchResult.SearchResultItems[0]!;
      const descriptorTemplate = template.MatchedObjectDescriptor as Json;
      for (let i = 0; i < count; i++) {
        const who = pool.draw(
          `Department of ${random.pick(['Energy', 'Commerce', 'Labor', 'Transportation', 'Veterans Affairs', 'the Treasury'])}`,
        );
        const id = random.digits(9);
        const isBroken = isBrokenAt(i, count, brokenCount);
        const location = `${who.city.city}, ${who.city.region}`;
        const descriptor: Json = {
          ...clone(descriptorTemplate),
          PositionID: `DE-${random.digits(6)}-${random.hex(3).toUpperCase()}`,
          PositionTitle: who.title,
          PositionURI: `https://www.usajobs.gov:443/GetJob/ViewDetails/${id}`,
          ApplyURI: [`https://www.usajobs.gov:443/GetJob/ViewDetails/${id}?PostingChannelID=RESTAPI`],
          PositionLocationDisplay: location,
          PositionLocation: [
            { LocationName: location, CountryCode: 'United States', CountrySubDivisionCode: who.city.region, CityName: location },
          ],
          OrganizationName: who.company,
          DepartmentName: who.company,
          PositionRemuneration: [
            {
              MinimumRange: String(who.salaryMin),
              MaximumRange: String(who.salaryMin + random.int(10, 40) * 1000),
              RateIntervalCode: 'PA',
              Description: 'Per Year',
            },
          ],
          PublicationStartDate: who.postedAt.toISOString().replace('.000Z', 'Z'),
          ApplicationCloseDate: new Date(who.postedAt.getTime() + 30 * 86_400_000).toISOString().replace('.000Z', 'Z'),
          QualificationSummary: `Applicants need ${who.experience}. Skills: ${who.skills.join(', ')}.`,
          UserArea: {
            Details: {
              JobSummary: who.descriptionHtml
                .replace(/<[^>]+>/g, ' ')
                .replace(/\s+/g, ' ')
                .trim(),
              LowGrade: '12',
              HighGrade: '13',
            },
            IsRadialSearch: false,
          },
        };
        if (isBroken) delete descriptor.PositionTitle;
        dataset.usajobsItems.push({ MatchedObjectId: id, MatchedObjectDescriptor: descriptor, RelevanceRank: random.int(1, 20000) });
        dataset.postings.push({
          source: 'usajobs',
          externalId: id,
          broken: isBroken,
          ...(isBroken ? { brokenReason: 'USAJOBS item without PositionTitle' } : {}),
        });
      }
    },
    greenhouse: (count, brokenCount) => {
      const template = recordings.greenhouseBoard.jobs[0]!;
      const boards = Array.from({ length: Math.max(1, Math.ceil(count / 40)) }, () => pool.company());
      for (let i = 0; i < count; i++) {
        const company = boards[i % boards.length]!;
        const board = slug(company);
        const who = pool.draw(company);
        const id = Number(random.digits(10));
        const isBroken = isBrokenAt(i, count, brokenCount);
        const job: Json = {
          ...clone(template),
          id,
          internal_job_id: Number(random.digits(10)),
          requisition_id: random.digits(4),
          title: who.title,
          company_name: company,
          location: { name: `${who.city.city}, ${who.city.region}` },
          absolute_url: `https://job-boards.greenhouse.io/${board}/jobs/${id}`,
          updated_at: who.postedAt.toISOString(),
          first_published: who.postedAt.toISOString(),
          content: escapeHtml(who.descriptionHtml),
        };
        if (isBroken) delete job.title;
        const jobs = dataset.greenhouseBoards.get(board) ?? [];
        jobs.push(job);
        dataset.greenhouseBoards.set(board, jobs);
        dataset.postings.push({
          source: 'greenhouse',
          externalId: String(id),
          broken: isBroken,
          ...(isBroken ? { brokenReason: 'Greenhouse job without a title' } : {}),
        });
      }
    },
    lever: (count, brokenCount) => {
      const template = recordings.leverPostings[0]!;
      const companies = Array.from({ length: Math.max(1, Math.ceil(count / 40)) }, () => pool.company());
      for (let i = 0; i < count; i++) {
        const company = companies[i % companies.length]!;
        const who = pool.draw(company);
        const id = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
        const isBroken = isBrokenAt(i, count, brokenCount);
        const location = `${who.city.city}, ${who.city.region}`;
        const plain = who.descriptionHtml
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        const posting: Json = {
          ...clone(template),
          id,
          text: who.title,
          createdAt: who.postedAt.getTime(),
          categories: { commitment: 'Full-time', department: 'Engineering', location, team: random.pick(TEAMS), allLocations: [location] },
          description: `<div>${who.descriptionHtml}</div>`,
          descriptionPlain: `${plain}\n`,
          descriptionBody: `<div>${who.descriptionHtml}</div>`,
          descriptionBodyPlain: `${plain}\n`,
          lists: [{ text: 'Requirements', content: `<li>${who.experience}</li><li>${who.skills.join(', ')}</li>` }],
          salaryRange: { currency: 'USD', interval: 'per-year-salary', min: who.salaryMin, max: who.salaryMin + 20000 },
          hostedUrl: `https://jobs.lever.co/${slug(company)}/${id}`,
          applyUrl: `https://jobs.lever.co/${slug(company)}/${id}/apply`,
        };
        if (isBroken) delete posting.text;
        const postings = dataset.leverCompanies.get(slug(company)) ?? [];
        postings.push(posting);
        dataset.leverCompanies.set(slug(company), postings);
        dataset.postings.push({
          source: 'lever',
          externalId: id,
          broken: isBroken,
          ...(isBroken ? { brokenReason: 'Lever posting without text (title)' } : {}),
        });
      }
    },
    jsonld: (count, brokenCount) => {
      for (let i = 0; i < count; i++) {
        const who = pool.draw();
        const isBroken = isBrokenAt(i, count, brokenCount);
        const path = `/jobs/${slug(who.title)}-${random.hex(6)}.html`;
        dataset.pages.set(path, isBroken ? pageWithoutPosting(who) : postingPage(who, random, i));
        dataset.postings.push({
          source: 'jsonld',
          externalId: '',
          broken: isBroken,
          path,
          ...(isBroken ? { brokenReason: 'page without a JobPosting' } : {}),
        });
      }
    },
  };
  for (const source of GENERATED_SOURCES) generators[source](counts.get(source)!, Math.min(brokenCounts.get(source)!, counts.get(source)!));
}

/** A posting page in one of the shapes real sites use: a lone JobPosting, an `@graph`, or an array. */
function postingPage(who: Identity, random: SeededRandom, index: number): string {
  const posting = {
    '@type': 'JobPosting',
    title: who.title,
    description: index % 2 === 0 ? escapeHtml(who.descriptionHtml) : who.descriptionHtml,
    datePosted: day(who.postedAt),
    validThrough: `${day(new Date(who.postedAt.getTime() + 45 * 86_400_000))}T23:59`,
    employmentType: index % 3 === 0 ? ['FULL_TIME', 'CONTRACTOR'] : 'FULL_TIME',
    hiringOrganization:
      index % 4 === 0 ? who.company : { '@type': 'Organization', name: who.company, sameAs: `https://${slug(who.company)}.example` },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressLocality: who.city.city,
        addressRegion: who.city.region,
        addressCountry: who.city.country,
      },
    },
    identifier: { '@type': 'PropertyValue', name: who.company, value: random.hex(10) },
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: 'USD',
      value: { '@type': 'QuantitativeValue', minValue: who.salaryMin, maxValue: who.salaryMin + 25000, unitText: 'YEAR' },
    },
    skills: who.skills.join(', '),
  };
  const shapes = [
    { '@context': 'https://schema.org/', ...posting },
    { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: `${who.company} careers` }, posting] },
    [
      { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: [] },
      { '@context': 'https://schema.org', ...posting },
    ],
  ];
  const jsonld = JSON.stringify(shapes[index % 3]).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(who.title)} - ${escapeHtml(who.company)}</title>\n<script type="application/ld+json">${jsonld}</script>\n</head>\n<body><h1>${escapeHtml(who.title)}</h1><p>${escapeHtml(who.company)}, ${escapeHtml(who.city.city)}</p></body>\n</html>\n`;
}

/** A careers page that carries JSON-LD, but no JobPosting (the posting was taken down). */
function pageWithoutPosting(who: Identity): string {
  const jsonld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: who.company,
    url: `https://${slug(who.company)}.example`,
  });
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Position closed - ${escapeHtml(who.company)}</title>\n<script type="application/ld+json">${jsonld}</script>\n</head>\n<body><h1>This position has been filled</h1></body>\n</html>\n`;
}
