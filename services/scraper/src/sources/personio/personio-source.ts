import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { companyOrigin } from '../company-origin.js';
import { type Source, type SourceRun, validatorsOf } from '../source.js';
import { personioPositions } from './personio-feed.js';

/** The live careers pages live at `https://<company>.jobs.personio.de`. */
export const PERSONIO_DOMAIN = 'jobs.personio.de';

/**
 * Personio careers pages: `GET /xml?language=en` on the company's page is the XML feed of every published
 * position, whole (no paging; conditional); each `<position>` is one raw body (XML), addressed as the
 * position's page `/job/{id}`.
 */
export function createPersonioSource(options: { baseUrl: string }): Source {
  return {
    name: 'personio',
    async scrape(run: SourceRun) {
      const companies = run.request.boards ?? [];
      if (companies.length === 0) throw new PermanentError('REQUEST_INVALID', 'personio: the request names no companies (boards)');
      await run.forEach(
        companies,
        (company) => `personio company ${company}`,
        async (company) => {
          if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(company))
            throw new PermanentError('REQUEST_INVALID', `personio: company '${company.slice(0, 40)}' is not a careers-page name`);
          const origin = companyOrigin(options.baseUrl, PERSONIO_DOMAIN, company);
          const feedUrl = `${origin}/xml?language=en`;
          const response = await run.conditionalGet(feedUrl);
          if (response.kind === 'not-modified') return run.listNotModified(feedUrl, company);
          const positions = personioPositions(response.body.toString('utf8'));
          run.found(positions.length, company);
          const failures = await run.forEach(
            positions,
            (position) => `personio position ${position.id}`,
            async (position) => {
              if (!isSafePathSegment(position.id)) throw new Error('position without a usable id');
              await run.emit({
                externalId: position.id,
                url: `${origin}/job/${position.id}`,
                body: Buffer.from(position.xml),
                contentType: 'application/xml',
              });
            },
          );
          if (failures === 0)
            await run.keepValidators(
              feedUrl,
              validatorsOf(response),
              positions.map((position) => position.id),
            );
        },
      );
    },
  };
}
