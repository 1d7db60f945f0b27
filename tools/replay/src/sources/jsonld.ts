import { day, escapeHtml, type Identity, isBrokenAt, slug } from '../identity-pool.js';
import { readRecording, recordingFiles } from '../recordings.js';
import type { SeededRandom } from '../seeded-random.js';
import { noSuchPosting, type ReplayPosting, type ReplaySourceModule, type ServedSource, TOUCH_NOTE } from './replay-source.js';

const SEARCH_PATH = '/careers/search';
const FIRST_SERVED = 'Wed, 01 Jul 2026 00:00:00 GMT';

/** Careers pages with schema.org JobPosting JSON-LD: a search page listing `a.job-link`s to posting pages. */
export const jsonldReplay: ReplaySourceModule = {
  name: 'jsonld',
  build({ includeRecordings, today, count, broken, random, pool }): ServedSource {
    const searchTemplate = readRecording('jsonld', 'search.html', today);
    const pages = new Map<string, string>();
    const postings: ReplayPosting[] = [];
    if (includeRecordings) {
      for (const file of recordingFiles('jsonld', /^posting-/)) {
        pages.set(`/jobs/${file}`, readRecording('jsonld', file, today));
        postings.push({ source: 'jsonld', externalId: '', broken: false, path: `/jobs/${file}` });
      }
    }
    for (let i = 0; i < count; i++) {
      const who = pool.draw();
      const isBroken = isBrokenAt(i, count, broken);
      const path = `/jobs/${slug(who.title)}-${random.hex(6)}.html`;
      pages.set(path, isBroken ? pageWithoutPosting(who) : postingPage(who, random, i));
      postings.push({
        source: 'jsonld',
        externalId: '',
        broken: isBroken,
        path,
        ...(isBroken ? { brokenReason: 'page without a JobPosting' } : {}),
      });
    }
    const pageDates = new Map([...pages.keys()].map((path) => [path, FIRST_SERVED]));
    /** The recorded search page with the served posting pages listed (plus one link to an outside ATS). */
    const searchPage = (empty: boolean) => {
      const items = (empty ? [] : [...pages.keys()]).map(
        (path) => `  <li class="result"><a class="job-link" href="${path}">${path.slice(6, -5)}</a></li>`,
      );
      items.push('  <li class="result"><a class="job-link" href="https://ats.elsewhere.example/jobs/314">Partner opening</a></li>');
      return searchTemplate.replace(/<ul class="results">[\s\S]*?<\/ul>/, `<ul class="results">\n${items.join('\n')}\n</ul>`);
    };
    return {
      postings,
      boards: [],
      route(request, { empty }) {
        if (request.method !== 'GET') return undefined;
        const { pathname } = request.url;
        if (pathname === SEARCH_PATH) return { status: 200, contentType: 'text/html; charset=utf-8', body: searchPage(empty) };
        const page = pages.get(pathname);
        if (page === undefined) return undefined;
        return {
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: page,
          cacheable: true,
          lastModified: pageDates.get(pathname)!,
        };
      },
      touch(externalId) {
        const posting = postings.find((candidate) => candidate.externalId === externalId);
        const html = posting?.path ? pages.get(posting.path) : undefined;
        if (!posting?.path || html === undefined) throw noSuchPosting('jsonld', externalId);
        pages.set(posting.path, html.replace('</body>', `<p>${TOUCH_NOTE}</p></body>`));
        // Strictly later than the last date served, whatever this machine's clock says.
        const previous = Date.parse(pageDates.get(posting.path) ?? '') || 0;
        pageDates.set(posting.path, new Date(Math.max(Date.now(), previous + 1000)).toUTCString());
      },
      search: (origin) => ({ urls: [`${origin}${SEARCH_PATH}`], followLinks: 'a.job-link' }),
      scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_JSONLD_ALLOWED_HOSTS: new URL(origin).host }),
    };
  },
};

/** A posting page in one of the shapes real sites use: a lone JobPosting, an `@graph`, or an array. */
function postingPage(who: Identity, random: SeededRandom, index: number): string {
  const posting = {
    '@type': 'JobPosting',
    title: who.title,
    description: index % 2 === 0 ? escapeHtml(who.descriptionHtml) : who.descriptionHtml,
    datePosted: day(who.postedAt),
    validThrough: `${day(who.closesAt)}T23:59`,
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
