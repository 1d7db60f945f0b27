import type { JobpipeConfig } from '@jobpipe/contracts';
import { unsafeUrlReason } from '@jobpipe/shared';

/** Every search URL of a config that must not be fetched, as `<JSON pointer>: <reason>`. */
export function unsafeSearchUrls(config: JobpipeConfig): string[] {
  return config.searches.flatMap((search, searchIndex) =>
    (search.urls ?? []).flatMap((url, urlIndex) => {
      const reason = unsafeUrlReason(url, search.allowPrivateHosts, "list the host in the search's allowPrivateHosts to allow it");
      return reason ? [`/searches/${searchIndex}/urls/${urlIndex}: ${reason}`] : [];
    }),
  );
}
