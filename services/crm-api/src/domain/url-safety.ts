import type { JobpipeConfig } from '@jobpipe/contracts';
import { unsafeUrlReason } from '@jobpipe/shared';

/** What a search's refusals end with: where the user lists a private host. */
const SEARCH_ALLOW_HINT = "list the host in the search's allowPrivateHosts to allow it";

/** Every search URL, and host a search allows its source to fetch from, that must not be fetched, as `<JSON pointer>: <reason>`. */
export function unsafeSearchUrls(config: JobpipeConfig): string[] {
  return config.searches.flatMap((search, searchIndex) => [
    ...(search.urls ?? []).flatMap((url, urlIndex) => {
      const reason = unsafeUrlReason(url, search.allowPrivateHosts, SEARCH_ALLOW_HINT);
      return reason ? [`/searches/${searchIndex}/urls/${urlIndex}: ${reason}`] : [];
    }),
    // An allowed host is a URL's host written alone (`careers.example.com`, `*.example.com`, `10.0.0.5:8080`).
    ...(search.allowHosts ?? []).flatMap((host, hostIndex) => {
      const reason = unsafeUrlReason(`http://${host.replace(/^\*\./, '')}/`, search.allowPrivateHosts, SEARCH_ALLOW_HINT);
      return reason ? [`/searches/${searchIndex}/allowHosts/${hostIndex}: ${reason}`] : [];
    }),
  ]);
}
