import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { companyOrigin } from '../company-origin.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';

type RecruiteeOffer = Readonly<Record<string, unknown>>;

/** The live careers sites live at `https://<company>.recruitee.com`. */
export const RECRUITEE_DOMAIN = 'recruitee.com';

/**
 * Recruitee careers sites: `GET /api/offers/` on the company's site lists every published offer whole (no
 * paging; conditional), each element of `offers` one raw body, addressed as `/api/offers/{slug}` (the
 * offer's own answer on the same site).
 */
export function createRecruiteeSource(options: { baseUrl: string }): Source {
  return {
    name: 'recruitee',
    async scrape(run: SourceRun) {
      const companies = run.request.boards ?? [];
      if (companies.length === 0) throw new PermanentError('REQUEST_INVALID', 'recruitee: the request names no companies (boards)');
      await run.forEach(
        companies,
        (company) => `recruitee company ${company}`,
        async (company) => {
          if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(company))
            throw new PermanentError('REQUEST_INVALID', `recruitee: company '${company.slice(0, 40)}' is not a careers-site name`);
          const origin = companyOrigin(options.baseUrl, RECRUITEE_DOMAIN, company);
          const listUrl = `${origin}/api/offers/`;
          const response = await run.conditionalGet(listUrl);
          if (response.kind === 'not-modified') return run.listNotModified(listUrl, company);
          const offers = jsonOf<{ offers?: readonly RecruiteeOffer[] }>(response, `recruitee company ${company}`).offers ?? [];
          run.found(offers.length, company);
          const failures = await run.forEach(
            offers,
            (offer) => `recruitee offer ${String(offer.id)}`,
            async (offer) => {
              const id = String(offer.id ?? '');
              const slug = String(offer.slug ?? '');
              if (!isSafePathSegment(id) || !isSafePathSegment(slug)) throw new Error('offer without a usable id and slug');
              await run.emit({
                externalId: id,
                url: `${listUrl}${slug}`,
                body: Buffer.from(JSON.stringify(offer)),
                contentType: 'application/json',
              });
            },
          );
          if (failures === 0)
            await run.keepValidators(
              listUrl,
              validatorsOf(response),
              offers.map((offer) => String(offer.id)),
            );
        },
      );
    },
  };
}
