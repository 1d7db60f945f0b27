import type { TableStore } from '../ports/tables.js';

/** Why the stored config's sites could not be read (logged by the caller; never holds a secret). */
export type SitesProblem = (reason: string) => void;

/**
 * The sites a service works with, read afresh on each call: those of its sites file (`fromFile`, read at
 * start) and those of the `sites` section of the stored config (crm-api's `config` table, which `PUT
 * /config` and the config file's seeding write), the stored config winning for a site named in both.
 * Both go through the same parser, so a site means the same wherever it is written. A stored section the
 * parser refuses is reported through `problem` and left out, so one bad site edit never stops the service.
 */
export function configuredSites<Site>(
  tables: Pick<TableStore, 'get'>,
  fromFile: ReadonlyMap<string, Site>,
  parse: (document: unknown) => Map<string, Site>,
  problem: SitesProblem,
): () => Promise<ReadonlyMap<string, Site>> {
  return async () => {
    const stored = (await tables.get('config', { key: 'current' }))?.config?.sites;
    if (stored === undefined || Object.keys(stored).length === 0) return fromFile;
    try {
      return new Map([...fromFile, ...parse({ sites: stored })]);
    } catch (error) {
      problem(`the config's sites: ${error instanceof Error ? error.message : String(error)}`);
      return fromFile;
    }
  };
}
