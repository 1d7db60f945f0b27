import { boardSlots, day, type Identity, isBrokenAt, slug } from '../identity-pool.js';
import { readRecordedJson, recordingFiles } from '../recordings.js';
import type { SeededRandom } from '../seeded-random.js';
import {
  jsonAnswer,
  noSuchPosting,
  notFound,
  type ReplayPosting,
  type ReplaySourceModule,
  type ServedSource,
  TOUCH_NOTE,
} from './replay-source.js';

type Json = Record<string, unknown>;

/** Workday's candidate-experience search answers at most this many results; past it, pages repeat. */
export const WORKDAY_REPLAY_CAP = 2000;

/** One posting of a board: its list entry, its detail, and the facet values it is filed under. */
interface BoardPosting {
  readonly summary: Json;
  detail: Json;
  readonly facets: Readonly<Record<string, string>>;
  readonly key: string;
}

const FAMILIES = ['Technology', 'Supply Chain', 'Finance', 'Retail Stores', 'Marketing', 'People'];
const facetId = (text: string) => slug(text).replace(/-/g, '').padEnd(12, '0').slice(0, 32);

/** A posting's key (`Data-Engineer_R-1042`) from its title and requisition. */
const postingKeyOf = (title: string, requisition: string) => `${title.replace(/[^A-Za-z0-9]+/g, '-')}_${requisition}`;

/** The facets of a set of postings, in Workday's shape (locations inside a location group). */
function facetsOf(postings: readonly BoardPosting[]): Json[] {
  const count = (parameter: string) => {
    const counts = new Map<string, { descriptor: string; count: number }>();
    for (const posting of postings) {
      const descriptor = posting.facets[parameter]!;
      const entry = counts.get(descriptor) ?? { descriptor, count: 0 };
      entry.count++;
      counts.set(descriptor, entry);
    }
    return [...counts.values()].map(({ descriptor, count: n }) => ({ descriptor, id: facetId(descriptor), count: n }));
  };
  return [
    { facetParameter: 'jobFamilyGroup', descriptor: 'Job Category', values: count('jobFamilyGroup') },
    { facetParameter: 'locationMainGroup', values: [{ facetParameter: 'locations', descriptor: 'Locations', values: count('locations') }] },
  ];
}

/** A generated posting filed under a family and a city. */
function generatedPosting(
  random: SeededRandom,
  who: Identity,
  tenant: string,
  site: string,
  company: string,
  family: string,
  requisition = `R-${random.digits(6)}`,
) {
  const key = postingKeyOf(who.title, requisition);
  const place = `${who.city.city}, ${who.city.region}`;
  const externalPath = `/job/${place.replace(/[^A-Za-z0-9]+/g, '-')}/${key}`;
  const summary: Json = {
    title: who.title,
    externalPath,
    locationsText: place,
    postedOn: 'Posted 30+ Days Ago',
    bulletFields: [requisition],
  };
  const detail: Json = {
    jobPostingInfo: {
      id: random.hex(32),
      title: who.title,
      jobDescription: `${who.descriptionHtml}<p>Pay range: $${who.salaryMin.toLocaleString('en-US')} - $${(who.salaryMin + 30000).toLocaleString('en-US')} per year.</p>`,
      location: place,
      postedOn: 'Posted 30+ Days Ago',
      startDate: day(who.postedAt),
      timeType: 'Full time',
      jobReqId: requisition,
      jobPostingId: key,
      jobPostingSiteId: site,
      canApply: true,
      posted: true,
      remoteType: random.pick(['On-site', 'Hybrid', 'Remote']),
      externalUrl: `https://${tenant}.wd5.myworkdayjobs.com/${site}${externalPath}`,
    },
    hiringOrganization: { name: company, url: '' },
    similarJobs: [],
    userAuthenticated: false,
  };
  return { summary, detail, facets: { jobFamilyGroup: family, locations: place }, key };
}

/**
 * Workday career sites: `POST /wday/cxs/{tenant}/{site}/jobs` ({appliedFacets, limit ≤ 20, offset,
 * searchText}; `total` on the first page only; past 2,000 results the pages repeat) and
 * `GET /wday/cxs/{tenant}/{site}/job/…` for a posting's detail.
 */
export const workdayReplay: ReplaySourceModule = {
  name: 'workday',
  build(build): ServedSource {
    const { includeRecordings, today, count, broken, random, pool, workdayLargeBoards } = build;
    const boards = new Map<string, BoardPosting[]>();
    const postings: ReplayPosting[] = [];
    const add = (board: string, posting: BoardPosting, isBroken = false, brokenReason?: string) => {
      boards.set(board, [...(boards.get(board) ?? []), posting]);
      postings.push({
        source: 'workday',
        externalId: `${board.split('.')[0]}.${posting.key}`,
        broken: isBroken,
        ...(brokenReason ? { brokenReason } : {}),
      });
    };
    // The employer a board's recordings name: generated postings on that board say the same.
    const recordedCompanies = new Map<string, string>();
    if (includeRecordings) {
      const listed = readRecordedJson<{ jobPostings: Json[] }>('workday', 'jobs.json', today).jobPostings;
      const details = new Map(
        recordingFiles('workday', /^job-.+\.json$/).map((file) => [file.slice(4, -5), readRecordedJson<Json>('workday', file, today)]),
      );
      for (const summary of listed) {
        const key = String(summary.externalPath).split('/').at(-1)!;
        const detail = details.get(key)!;
        const info = detail.jobPostingInfo as Json;
        const family = /engineer/i.test(String(info.title)) ? 'Technology' : 'Supply Chain';
        add('summit.wd5/Careers', { summary, detail, facets: { jobFamilyGroup: family, locations: String(info.location) }, key });
        recordedCompanies.set('summit.wd5/Careers', String((detail.hiringOrganization as Json).name));
      }
    }
    const slots = boardSlots(build, (company) => `${slug(company).replace(/-/g, '').slice(0, 30)}.wd5/External`).map((slot) => ({
      ...slot,
      company: recordedCompanies.get(slot.board) ?? slot.company,
    }));
    for (let i = 0; i < count; i++) {
      const { board, company } = slots[i % slots.length]!;
      const [tenant, site] = [board.split('.')[0]!, board.split('/')[1] ?? 'External'];
      const who = pool.draw(company);
      const isBroken = isBrokenAt(i, count, broken);
      const posting = generatedPosting(random, who, tenant, site, company, random.pick(FAMILIES));
      if (isBroken) delete (posting.detail.jobPostingInfo as Json).title;
      add(board, posting, isBroken, isBroken ? 'Workday posting without a title' : undefined);
    }
    for (const large of workdayLargeBoards) {
      const tenant = large.board.split('.')[0]!;
      for (let i = 0; i < large.postings; i++) {
        // The vocabulary holds about 1,500 distinct titles and places per employer: draw in batches of 1,000.
        const who = pool.draw(`${large.company} ${Math.floor(i / 1000)}`);
        const site = large.board.split('/')[1]!;
        const posting = generatedPosting(random, who, tenant, site, large.company, FAMILIES[i % FAMILIES.length]!, `R-${100000 + i}`);
        // An unsplittable board files every posting under one family and one place: no facet narrows it.
        add(
          large.board,
          large.splittable ? posting : { ...posting, facets: { jobFamilyGroup: FAMILIES[0]!, locations: 'Springfield, IL' } },
        );
      }
    }
    const boardOf = (tenant: string, site: string) =>
      [...boards.keys()].find((board) => board.startsWith(`${tenant}.`) && board.endsWith(`/${site}`));
    return {
      postings,
      boards: [...boards.keys()],
      route(request, { empty }) {
        const match = request.url.pathname.match(/^\/wday\/cxs\/([a-z0-9-]+)\/([A-Za-z0-9_-]+)(\/jobs|\/job\/.+)$/);
        if (!match) return undefined;
        const board = boardOf(match[1]!, match[2]!);
        const all = board ? (empty ? [] : boards.get(board)!) : undefined;
        if (!all) return notFound('site');
        if (match[3] === '/jobs') {
          if (request.method !== 'POST') return jsonAnswer(405, { message: 'POST a search' });
          let search: { appliedFacets?: Record<string, string[]>; limit?: number; offset?: number; searchText?: string };
          try {
            search = JSON.parse(request.body || '{}');
          } catch {
            return jsonAnswer(400, { errorCode: 'HTTP_400', message: 'request body is not JSON' });
          }
          const limit = search.limit ?? 20;
          if (!Number.isInteger(limit) || limit < 1 || limit > 20)
            return jsonAnswer(400, { errorCode: 'HTTP_400', message: 'limit must be 1..20' });
          const applied = Object.entries(search.appliedFacets ?? {});
          const text = (search.searchText ?? '').toLowerCase();
          const matching = all.filter(
            (posting) =>
              applied.every(([parameter, ids]) => ids.includes(facetId(posting.facets[parameter] ?? ''))) &&
              (!text || String(posting.summary.title).toLowerCase().includes(text)),
          );
          const offset = Math.max(0, search.offset ?? 0);
          // Past the cap Workday serves the first results again.
          const from = offset >= WORKDAY_REPLAY_CAP ? 0 : offset;
          return jsonAnswer(200, {
            total: offset === 0 ? matching.length : 0,
            jobPostings: matching.slice(from, Math.min(from + limit, WORKDAY_REPLAY_CAP)).map((posting) => posting.summary),
            ...(offset === 0 ? { facets: facetsOf(matching) } : {}),
            userAuthenticated: false,
          });
        }
        if (request.method !== 'GET') return undefined;
        const path = match[3]!;
        const posting = all.find((candidate) => candidate.summary.externalPath === path);
        return posting ? jsonAnswer(200, posting.detail, true) : notFound('job');
      },
      touch(externalId) {
        const posting = [...boards].flatMap(([board, list]) =>
          list.filter((entry) => `${board.split('.')[0]}.${entry.key}` === externalId),
        )[0];
        if (!posting) throw noSuchPosting('workday', externalId);
        const info = posting.detail.jobPostingInfo as Json;
        posting.detail = {
          ...posting.detail,
          jobPostingInfo: { ...info, jobDescription: `${String(info.jobDescription ?? '')}${TOUCH_NOTE}` },
        };
      },
      search: () => ({ boards: [...boards.keys()] }),
      scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_WORKDAY_BASE_URL: origin }),
    };
  },
};
