import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';

interface WorkableWidget {
  readonly jobs?: readonly { readonly shortcode?: unknown }[];
}

/**
 * Workable careers pages: the account widget `GET /api/v1/widget/accounts/{account}` lists every published
 * job of an account in one answer (no paging), then `GET /api/v2/accounts/{account}/jobs/{shortcode}`
 * fetches each job's detail (its description, requirements and benefits), the raw body. No key.
 * The widget is read whole every time: it holds no descriptions, so an unchanged widget says nothing of an
 * edited job; each detail is asked for conditionally instead, and an unchanged one costs a 304.
 */
export function createWorkableSource(options: { baseUrl: string }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'workable',
    async scrape(run: SourceRun) {
      const accounts = run.request.boards ?? [];
      if (accounts.length === 0) throw new PermanentError('REQUEST_INVALID', 'workable: the request names no accounts (boards)');
      await run.forEach(
        accounts,
        (account) => `workable account ${account}`,
        async (account) => {
          if (!isSafePathSegment(account))
            throw new PermanentError('REQUEST_INVALID', `workable: account '${account.slice(0, 40)}' is not valid`);
          const listUrl = `${base}/api/v1/widget/accounts/${account}`;
          const response = await run.send({ url: listUrl });
          const shortcodes = (jsonOf<WorkableWidget>(response, `workable account ${account}`).jobs ?? []).map((job) =>
            String(job.shortcode ?? ''),
          );
          run.found(shortcodes.length, account);
          await run.forEach(
            shortcodes,
            (shortcode) => `workable job ${shortcode}`,
            async (shortcode) => {
              if (!isSafePathSegment(shortcode)) throw new Error('job without a usable shortcode');
              const detailUrl = `${base}/api/v2/accounts/${account}/jobs/${shortcode}`;
              const detail = await run.conditionalGet(detailUrl);
              if (detail.kind === 'not-modified') return run.notModified(shortcode);
              await run.emit({
                externalId: shortcode,
                url: detailUrl,
                body: detail.body,
                contentType: 'application/json',
                ...validatorsOf(detail),
              });
            },
          );
        },
      );
    },
  };
}
