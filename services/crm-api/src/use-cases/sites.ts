import { collect } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { currentConfig } from './config.js';
import { type SiteCredentialStatus, secretStoreOf, siteCredentialStatus } from './site-credentials.js';

/** A site as the settings show it: its config, which credentials are stored, and its session's state. */
export interface SiteView {
  readonly site: string;
  /** The config's `baseUrl`, or null for a site known only from its session (a sites file's). */
  readonly baseUrl: string | null;
  readonly login: boolean;
  readonly apply: boolean;
  readonly credentials: Omit<SiteCredentialStatus, 'site'>;
  /** The auth-refresher's record of the site's session (never a cookie), or null before the first login. */
  readonly session: {
    readonly status: string;
    readonly reason: string | null;
    readonly lastError: string | null;
    readonly expiresAt: string | null;
    readonly updatedAt: string;
  } | null;
}

/** Every site of the config and every site with a session record, by name. */
export async function listSites(context: CrmApiContext): Promise<SiteView[]> {
  const { config } = await currentConfig(context);
  const configured = config.sites ?? {};
  const sessions = new Map((await collect(context.tables.scanAll('sessions'))).map((record) => [record.site, record]));
  const names = [...new Set([...Object.keys(configured), ...sessions.keys()])].sort();
  const secrets = secretStoreOf(context);
  return Promise.all(
    names.map(async (site) => {
      const { site: _name, ...credentials } = await siteCredentialStatus(secrets, site);
      const record = sessions.get(site);
      const settings = configured[site];
      return {
        site,
        baseUrl: settings?.baseUrl ?? null,
        login: settings?.login !== undefined,
        apply: settings?.apply !== undefined,
        credentials,
        session: record
          ? {
              status: record.status,
              reason: record.reason,
              lastError: record.lastError,
              expiresAt: record.expiresAt,
              updatedAt: record.updatedAt,
            }
          : null,
      };
    }),
  );
}
