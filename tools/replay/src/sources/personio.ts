import { escapeHtml } from '../identity-pool.js';
import { readRecording, recordingFiles } from '../recordings.js';
import { boardedSource } from './boarded-source.js';
import { notFound, type ReplaySourceModule, TOUCH_NOTE } from './replay-source.js';

/** One position of a feed: its id and its `<position>` element as text (edited by `touch`). */
interface PersonioPosition {
  readonly id: string;
  xml: string;
}

/** The recorded feeds: `positions-<company>.xml`, each a whole `/xml` answer, split into its positions. */
function recordedCompanies(today: Date): Map<string, PersonioPosition[]> {
  return new Map(
    recordingFiles('personio', /^positions-[a-z0-9-]+\.xml$/).map((file) => [
      file.slice('positions-'.length, -'.xml'.length),
      [...readRecording('personio', file, today).matchAll(/<position>[\s\S]*?<\/position>/g)].map(([xml]) => ({
        id: /<id>(\d+)<\/id>/.exec(xml)![1]!,
        xml,
      })),
    ]),
  );
}

const element = (name: string, value: string) => `<${name}>${escapeHtml(value)}</${name}>`;
const cdata = (html: string) => `<![CDATA[${html.replace(/]]>/g, ']]&gt;')}]]>`;

/**
 * Personio careers pages, every company under its own path as a proxy serves them (live, each is
 * `https://<company>.jobs.personio.de`): `GET /{company}/xml[?language=]`, the XML feed of every published
 * position (`<workzag-jobs>`); an unknown company is a 404.
 */
export const personioReplay: ReplaySourceModule = {
  name: 'personio',
  build: (build) =>
    boardedSource<PersonioPosition>(
      {
        name: 'personio',
        recorded: recordedCompanies(build.today),
        idOf: (position) => position.id,
        brokenReason: 'Personio position without a name (title)',
        generate({ company, who, random, broken }) {
          const id = random.digits(7).replace(/^0/, '1');
          const remote = random.int(0, 3) === 0;
          const xml = [
            '<position>',
            element('id', id),
            element('subcompany', company),
            element('office', remote ? 'Remote' : who.city.city),
            element('department', 'Engineering'),
            broken ? '' : element('name', who.title),
            '<jobDescriptions><jobDescription>',
            element('name', 'Your role'),
            `<value>${cdata(who.descriptionHtml)}</value>`,
            '</jobDescription><jobDescription>',
            element('name', 'What we offer'),
            `<value>${cdata(`<p>€${who.salaryMin.toLocaleString('en-US')} – €${(who.salaryMin + 15000).toLocaleString('en-US')} a year.</p>`)}</value>`,
            '</jobDescription></jobDescriptions>',
            element('employmentType', 'permanent'),
            element('seniority', 'experienced'),
            element('schedule', 'full-time'),
            element('yearsOfExperience', '2-5'),
            element('keywords', who.skills.join(',')),
            element('createdAt', who.postedAt.toISOString().replace('.000Z', '+00:00')),
            '</position>',
          ].join('');
          return { id, xml };
        },
        route(request, _context, postingsOf) {
          const match = request.method === 'GET' ? request.url.pathname.match(/^\/([a-z0-9-]+)\/xml$/) : null;
          if (!match) return undefined;
          const positions = postingsOf(match[1]!);
          if (!positions) return notFound('careers page');
          return {
            status: 200,
            contentType: 'text/xml; charset=utf-8',
            body: `<?xml version="1.0" encoding="UTF-8"?>\n<workzag-jobs>${positions.map((position) => position.xml).join('')}</workzag-jobs>\n`,
            cacheable: true,
          };
        },
        touch(position) {
          position.xml = position.xml.replace('</value>', `${cdata(`<p>${TOUCH_NOTE}</p>`)}</value>`);
        },
        scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_PERSONIO_BASE_URL: origin }),
      },
      build,
    ),
};
