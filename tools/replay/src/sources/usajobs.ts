import { isBrokenAt, plainText } from '../identity-pool.js';
import { readRecordedJson } from '../recordings.js';
import { jsonAnswer, noSuchPosting, type ReplayPosting, type ReplaySourceModule, type ServedSource, TOUCH_NOTE } from './replay-source.js';

type Json = Record<string, unknown>;

const DEPARTMENTS = ['Energy', 'Commerce', 'Labor', 'Transportation', 'Veterans Affairs', 'the Treasury'];

/** USAJOBS Search API: `GET /api/search` with the keyed headers, paged by `Page`/`ResultsPerPage`. */
export const usajobsReplay: ReplaySourceModule = {
  name: 'usajobs',
  build({ includeRecordings, today, count, broken, random, pool, usajobsKey }): ServedSource {
    const recorded = readRecordedJson<{ SearchResult: { SearchResultItems: Json[]; [key: string]: unknown }; [key: string]: unknown }>(
      'usajobs',
      'search-2items.json',
      today,
    );
    const { SearchResult, ...template } = recorded;
    const items: Json[] = [];
    const postings: ReplayPosting[] = [];
    if (includeRecordings) {
      for (const item of SearchResult.SearchResultItems) {
        items.push(item);
        postings.push({ source: 'usajobs', externalId: String(item.MatchedObjectId), broken: false });
      }
    }
    const itemTemplate = SearchResult.SearchResultItems[0]!;
    const descriptorTemplate = itemTemplate.MatchedObjectDescriptor as Json;
    for (let i = 0; i < count; i++) {
      const who = pool.draw(`Department of ${random.pick(DEPARTMENTS)}`);
      const id = random.digits(9);
      const isBroken = isBrokenAt(i, count, broken);
      const location = `${who.city.city}, ${who.city.region}`;
      const descriptor: Json = {
        ...structuredClone(descriptorTemplate),
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
        ApplicationCloseDate: who.closesAt.toISOString().replace('.000Z', 'Z'),
        QualificationSummary: `Applicants need ${who.experience}. Skills: ${who.skills.join(', ')}.`,
        UserArea: { Details: { JobSummary: plainText(who.descriptionHtml), LowGrade: '12', HighGrade: '13' }, IsRadialSearch: false },
      };
      if (isBroken) delete descriptor.PositionTitle;
      items.push({ MatchedObjectId: id, MatchedObjectDescriptor: descriptor, RelevanceRank: random.int(1, 20000) });
      postings.push({
        source: 'usajobs',
        externalId: id,
        broken: isBroken,
        ...(isBroken ? { brokenReason: 'USAJOBS item without PositionTitle' } : {}),
      });
    }
    return {
      postings,
      boards: [],
      route(request, { empty }) {
        const { pathname, searchParams } = request.url;
        if (request.method !== 'GET' || pathname !== '/api/search') return undefined;
        if (
          !request.headers['authorization-key'] ||
          request.headers['authorization-key'] !== usajobsKey ||
          !request.headers['user-agent']
        ) {
          return jsonAnswer(401, { message: 'Authorization-Key and User-Agent headers are required' });
        }
        const perPage = Math.min(500, Math.max(1, Number(searchParams.get('ResultsPerPage') ?? 25)));
        const page = Math.max(1, Number(searchParams.get('Page') ?? 1));
        const all = empty ? [] : items;
        const pageItems = all.slice((page - 1) * perPage, page * perPage);
        return jsonAnswer(200, {
          ...template,
          SearchParameters: Object.fromEntries(searchParams),
          SearchResult: {
            ...SearchResult,
            SearchResultCount: pageItems.length,
            SearchResultCountAll: all.length,
            SearchResultItems: pageItems,
            UserArea: { NumberOfPages: String(Math.ceil(all.length / perPage)), IsRadialSearch: false },
          },
        });
      },
      touch(externalId) {
        const descriptor = items.find((candidate) => String(candidate.MatchedObjectId) === externalId)?.MatchedObjectDescriptor as
          | Json
          | undefined;
        if (!descriptor) throw noSuchPosting('usajobs', externalId);
        descriptor.QualificationSummary = `${String(descriptor.QualificationSummary ?? '')}${TOUCH_NOTE}`;
      },
      search: () => ({ keywords: 'data', location: 'Washington, District of Columbia' }),
      scraperEnv: (origin) => ({
        JOBPIPE_SCRAPER_USAJOBS_BASE_URL: origin,
        JOBPIPE_SCRAPER_USAJOBS_EMAIL: 'replay@jobpipe.invalid',
        JOBPIPE_SCRAPER_USAJOBS_API_KEY: usajobsKey,
      }),
    };
  },
};
