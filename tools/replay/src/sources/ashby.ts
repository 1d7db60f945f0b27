import { clone, plainText } from '../identity-pool.js';
import { readRecordedJson, recordingFiles } from '../recordings.js';
import { boardedSource } from './boarded-source.js';
import { jsonAnswer, notFound, type ReplaySourceModule, TOUCH_NOTE } from './replay-source.js';

type Json = Record<string, unknown>;

/** The recorded boards: `board-<name>.json`, each a whole posting-API answer. */
function recordedBoards(today: Date): Map<string, Json[]> {
  return new Map(
    recordingFiles('ashby', /^board-[a-z0-9-]+\.json$/).map((file) => [
      file.slice('board-'.length, -'.json'.length),
      readRecordedJson<{ jobs: Json[] }>('ashby', file, today).jobs,
    ]),
  );
}

/** A salary component as Ashby writes it. */
function salaryComponent(id: string, min: number, max: number): Json {
  const k = (value: number) => `$${Math.round(value / 1000)}K`;
  return {
    id,
    summary: `${k(min)} – ${k(max)}`,
    compensationType: 'Salary',
    interval: '1 YEAR',
    currencyCode: 'USD',
    minValue: min,
    maxValue: max,
  };
}

/**
 * Ashby's public posting API: `GET /posting-api/job-board/{board}[?includeCompensation=true]`, the whole
 * board in one answer (`apiVersion`, `jobs`), compensation only when asked for; an unknown board is a 404.
 */
export const ashbyReplay: ReplaySourceModule = {
  name: 'ashby',
  build: (build) => {
    const recorded = recordedBoards(build.today);
    const template = [...recorded.values()][0]![0]!;
    return boardedSource<Json>(
      {
        name: 'ashby',
        recorded,
        idOf: (job) => String(job.id),
        isListed: (job) => job.isListed !== false,
        brokenReason: 'Ashby job without a title',
        generate({ board, who, random, broken }) {
          const id = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
          const shown = random.int(0, 3) > 0;
          const remote = random.int(0, 3) === 0;
          const component = salaryComponent(
            `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-b${random.hex(3)}-${random.hex(12)}`,
            who.salaryMin,
            who.salaryMin + 25000,
          );
          const job: Json = {
            ...clone(template),
            id,
            title: who.title,
            location: remote ? 'Remote' : `${who.city.city}, ${who.city.region}`,
            secondaryLocations: [],
            publishedAt: who.postedAt.toISOString(),
            isListed: true,
            isRemote: remote,
            workplaceType: remote ? 'Remote' : 'OnSite',
            address: {
              postalAddress: { addressLocality: who.city.city, addressRegion: who.city.region, addressCountry: who.city.country },
            },
            jobUrl: `https://jobs.ashbyhq.com/${board}/${id}`,
            applyUrl: `https://jobs.ashbyhq.com/${board}/${id}/application`,
            descriptionHtml: who.descriptionHtml,
            descriptionPlain: plainText(who.descriptionHtml),
            shouldDisplayCompensationOnJobPostings: shown,
            compensation: {
              compensationTierSummary: component.summary,
              scrapeableCompensationSalarySummary: component.summary,
              compensationTiers: [
                {
                  id: random.hex(8),
                  tierSummary: component.summary,
                  title: 'All locations',
                  additionalInformation: null,
                  components: [component],
                },
              ],
              summaryComponents: [component],
            },
          };
          if (broken) delete job.title;
          return job;
        },
        route(request, _context, postingsOf) {
          const match = request.method === 'GET' ? request.url.pathname.match(/^\/posting-api\/job-board\/([A-Za-z0-9_.-]+)$/) : null;
          if (!match) return undefined;
          const jobs = postingsOf(match[1]!);
          if (!jobs) return notFound('job board');
          const withPay = request.url.searchParams.get('includeCompensation') === 'true';
          return jsonAnswer(200, { apiVersion: '1', jobs: withPay ? jobs : jobs.map(({ compensation: _pay, ...job }) => job) }, true);
        },
        touch(job) {
          job.descriptionHtml = `${String(job.descriptionHtml ?? '')}${TOUCH_NOTE}`;
        },
        scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_ASHBY_BASE_URL: origin }),
      },
      build,
    );
  },
};
