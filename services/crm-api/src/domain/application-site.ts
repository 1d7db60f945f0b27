import type { JobpipeConfig } from '@jobpipe/contracts';

/**
 * The site an application goes to: the configured site (the config's `sites`) whose `baseUrl` has the
 * apply URL's origin, else the URL's host name (which a sites file may name).
 */
export function siteOfApplyUrl(sites: JobpipeConfig['sites'], applyUrl: string): string {
  const origin = new URL(applyUrl).origin;
  const configured = Object.entries(sites ?? {}).find(
    ([, site]) => site !== undefined && URL.canParse(site.baseUrl) && new URL(site.baseUrl).origin === origin,
  );
  return configured?.[0] ?? new URL(applyUrl).hostname;
}
