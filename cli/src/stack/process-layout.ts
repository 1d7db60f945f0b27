import { SERVICE_NAMES, type ServiceName } from '@jobpipe/contracts';

/** Which services each process of the embedded stack runs (a group of one is the service's own process). */
export type ProcessLayout = readonly (readonly ServiceName[])[];

/**
 * The default: the services that do a scrape's heavy work (scraper, parser, recommender) each get a
 * process, so they keep a core each; the seven whose work per event is small or that mostly wait
 * (crm-api between requests, etl between events, applier, auth-refresher, sheets-bridge, the inbox
 * in IMAP IDLE, and the notifier between scored jobs) share one, which saves six node processes
 * (~40 MB each of node's own floor).
 */
export const DEFAULT_LAYOUT: ProcessLayout = [
  ['scraper'],
  ['parser'],
  ['recommender'],
  ['crm-api', 'etl', 'applier', 'auth-refresher', 'sheets-bridge', 'inbox', 'notifier'],
];

/** The named layouts `--processes` accepts besides an explicit list. */
const NAMED_LAYOUTS: Readonly<Record<string, ProcessLayout>> = {
  grouped: DEFAULT_LAYOUT,
  separate: SERVICE_NAMES.map((service) => [service]),
  one: [SERVICE_NAMES],
};

/**
 * Reads `--processes`: `grouped` (the default), `separate` (a process per service), `one` (every
 * service in one process), or groups separated by `,` whose services are joined by `+`
 * (`etl+applier,parser+recommender`); a service left out gets a process of its own.
 */
export function parseProcessLayout(text: string): ProcessLayout {
  const named = NAMED_LAYOUTS[text];
  if (named) return named;
  const seen = new Set<string>();
  const groups = text.split(',').map((group) =>
    group.split('+').map((member) => {
      const name = member.trim();
      if (!(SERVICE_NAMES as readonly string[]).includes(name)) {
        throw new Error(`--processes '${text}': '${name}' is not a service (use ${SERVICE_NAMES.join(', ')}, or grouped, separate, one)`);
      }
      if (seen.has(name)) throw new Error(`--processes '${text}': '${name}' is named twice`);
      seen.add(name);
      return name as ServiceName;
    }),
  );
  return [...groups, ...SERVICE_NAMES.filter((service) => !seen.has(service)).map((service) => [service])];
}
