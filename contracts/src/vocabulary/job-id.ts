/**
 * The stable id of a job, `<source>:<external id>` (the `jobId` of every event that names a job):
 * built by the parser, read back wherever only the id is at hand.
 */

/** The job id of a posting: `<source>:<external id>`. */
export function jobIdOf(source: string, externalId: string): string {
  return `${source}:${externalId}`;
}

/** The source part of a job id (`mcf:123` → `mcf`), or undefined when the id has none. */
export function sourceOfJobId(jobId: string): string | undefined {
  const colon = jobId.indexOf(':');
  return colon > 0 ? jobId.slice(0, colon) : undefined;
}
