import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';

/** An application as `GET /applications` lists it. */
interface Application {
  readonly applicationId: string;
  readonly status: 'requested' | 'submitted' | 'failed';
  readonly dryRun: boolean;
  readonly site: string;
  readonly requestedAt: string;
  readonly finishedAt: string | null;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  readonly evidence: readonly string[];
}

/** What became of an application, in words. */
function outcomeOf(application: Application): string {
  if (application.status === 'requested') return 'waiting for the applier…';
  if (application.status === 'failed') return `failed (${application.failureCode}): ${application.failureMessage}`;
  return application.dryRun ? 'form filled, not submitted' : 'submitted';
}

/** An evidence screenshot, fetched with the key (an image address cannot carry it). */
function Evidence({ api, path, label }: { readonly api: Api; readonly path: string; readonly label: string }) {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    let shown: string | undefined;
    void api.objectUrl(path).then((objectUrl) => {
      shown = objectUrl;
      setUrl(objectUrl);
    });
    return () => shown && URL.revokeObjectURL(shown);
  }, [api, path]);
  return url ? (
    <a href={url} target="_blank" rel="noopener">
      <img class="evidence" src={url} alt={label} />
    </a>
  ) : (
    <span aria-busy="true">Loading {label}…</span>
  );
}

interface JobApplicationsProps {
  readonly api: Api;
  readonly jobId: string;
  readonly stage: string;
  /** Changes when a live message about the job arrived (an outcome): read the applications again. */
  readonly version: number;
  readonly announce: (text: string) => void;
}

/**
 * A job's applications with their outcome and evidence screenshots, and the two ways to apply: a dry
 * run (the applier fills the form and takes screenshots, never submits) and a real application.
 */
export function JobApplications({ api, jobId, stage, version, announce }: JobApplicationsProps) {
  const [applications, setApplications] = useState<readonly Application[]>([]);
  const [problem, setProblem] = useState('');
  const reload = useCallback(
    () =>
      api
        .call<{ items: Application[] }>(`/applications?jobId=${encodeURIComponent(jobId)}`)
        .then((answer) => setApplications(answer.items))
        .catch((failure: unknown) => setProblem(failure instanceof Error ? failure.message : String(failure))),
    [api, jobId],
  );
  useEffect(() => void reload(), [reload, version]);

  const apply = async (dryRun: boolean) => {
    setProblem('');
    try {
      await api.call('/applications', { method: 'POST', body: { jobId, dryRun } });
      announce(dryRun ? 'Dry run requested' : 'Application requested');
      await reload();
    } catch (failure) {
      setProblem(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };

  return (
    <section aria-labelledby="applications-title">
      <h2 id="applications-title">Applications</h2>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void apply(true)}>
          Dry run
        </button>
        <button type="button" onClick={() => void apply(false)}>
          Apply
        </button>
        {stage !== 'shortlisted' && <span class="hint">Shortlist the job first: only a shortlisted job is applied to.</span>}
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {applications.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ol class="applications">
          {applications.map((application) => (
            <li key={application.applicationId} class={`application ${application.status}`}>
              <p>
                <strong>{application.dryRun ? 'Dry run' : 'Application'}</strong> to {application.site},{' '}
                {new Date(application.requestedAt).toLocaleString()}: <span class="outcome">{outcomeOf(application)}</span>
              </p>
              {application.evidence.length > 0 && (
                <div class="evidence-row">
                  {application.evidence.map((path, index) => (
                    <Evidence
                      key={path}
                      api={api}
                      path={path}
                      label={`evidence ${index + 1} of the ${application.dryRun ? 'dry run' : 'application'}`}
                    />
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
