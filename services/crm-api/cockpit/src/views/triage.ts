import type { Api } from '../api.js';
import type { JobSummary } from '../jobs.js';

/** What a person decides about a job in the inbox. */
export type TriageAction = 'shortlist' | 'hide';

/**
 * Carries out a triage decision through the stage API, one legal move at a time: shortlisting a new
 * job screens it first (the stage machine allows only the next stage or closing); hiding closes it as
 * not interesting. Returns the job's stage afterwards; an illegal move throws the API's explanation.
 */
export async function triage(api: Api, job: Pick<JobSummary, 'jobId' | 'stage'>, action: TriageAction): Promise<string> {
  const path = `/jobs/${encodeURIComponent(job.jobId)}/stage`;
  if (action === 'hide') {
    await api.call(path, { method: 'POST', body: { to: 'closed', closedReason: 'not-interested' } });
    return 'closed';
  }
  if (job.stage === 'new') await api.call(path, { method: 'POST', body: { to: 'screened' } });
  await api.call(path, { method: 'POST', body: { to: 'shortlisted' } });
  return 'shortlisted';
}
