import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure, failureMessage } from '../api.js';
import { Field } from '../components/field.js';
import { ageOf } from '../format.js';

/** A search of the config, as far as this panel needs it (the rest is kept as it is). */
interface Search {
  readonly id: string;
  readonly source: string;
  readonly [field: string]: unknown;
}

/** One scrape run as `GET /sources/runs` lists it. */
interface SourceRun {
  readonly searchId: string;
  readonly status: 'complete' | 'partial' | 'failed';
  readonly coverage: {
    readonly reportedTotal?: number;
    readonly listed: number;
    readonly fetched: number;
    readonly published: number;
    readonly postingsFailed: number;
    readonly pagesFailed: number;
    readonly capped: boolean;
    readonly truncated: boolean;
  };
  readonly drift: boolean;
  readonly previousListed?: number;
  readonly finishedAt: string;
}

/** The answer of `POST /sources/resolve`. */
interface SourceResolution {
  readonly status: 'recognized' | 'unsupported' | 'not-recognized';
  readonly source?: string;
  readonly evidence?: string;
  readonly reason?: string;
  readonly search?: Search;
  readonly existingSearchId?: string;
}

/** A run's coverage in words: what was listed and read, and what was missed. */
export function coverageWords(run: SourceRun): string {
  const { coverage } = run;
  const total = coverage.reportedTotal !== undefined ? ` of ${coverage.reportedTotal} the source reports` : '';
  const missed = [
    coverage.postingsFailed > 0 && `${coverage.postingsFailed} postings failed`,
    coverage.pagesFailed > 0 && `${coverage.pagesFailed} pages failed`,
    coverage.capped && 'the source stopped listing early',
    coverage.truncated && 'stopped at the page limit',
    run.drift && `listed nothing where it used to list ${run.previousListed ?? 'postings'}`,
  ].filter(Boolean);
  return `${run.status}: ${coverage.listed} listed${total}, ${coverage.fetched} read, ${coverage.published} new or changed${
    missed.length ? `; ${missed.join(', ')}` : ''
  }`;
}

/** What the resolution found, in words. */
function resolutionWords(resolution: SourceResolution): string {
  if (resolution.existingSearchId) return `Already read by the search ${resolution.existingSearchId}.`;
  if (resolution.status === 'recognized') return `Found ${resolution.source} (from ${resolution.evidence ?? 'the page'}).`;
  return `${resolution.status === 'unsupported' ? 'Not read by jobpipe yet' : 'No job source found'}: ${resolution.reason ?? ''}`;
}

interface SourcesPanelProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
  /** Changes whenever a panel saved the config: read the searches (and the config's version) again. */
  readonly epoch: number;
  readonly onSaved: () => void;
}

/**
 * Sources: each search of the config with how much its last scrape run read (`GET /sources/runs`), and
 * *Add from a URL*: a careers page, job page or apply link is resolved to its source (`POST
 * /sources/resolve`) and the search it offers is added to the config (`PUT /config/searches`).
 */
export function SourcesPanel({ api, announce, epoch, onSaved }: SourcesPanelProps) {
  const [searches, setSearches] = useState<readonly Search[]>([]);
  const [version, setVersion] = useState(0);
  const [lastRuns, setLastRuns] = useState<ReadonlyMap<string, SourceRun>>(new Map());
  const [url, setUrl] = useState('');
  const [resolution, setResolution] = useState<SourceResolution | null>(null);
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    const [config, runs] = await Promise.all([
      api.call<{ version: number; value: Search[] | null }>('/config/searches'),
      api.call<{ items: SourceRun[] }>('/sources/runs?limit=500'),
    ]);
    setSearches(config.value ?? []);
    setVersion(config.version);
    const latest = new Map<string, SourceRun>();
    for (const run of runs.items) if (!latest.has(run.searchId)) latest.set(run.searchId, run); // newest first
    setLastRuns(latest);
  }, [api]);
  useEffect(() => void reload().catch((failure: unknown) => setError(failureMessage(failure))), [reload, epoch]);

  const find = async (event: Event) => {
    event.preventDefault();
    setError('');
    setResolution(null);
    try {
      setResolution(await api.call<SourceResolution>('/sources/resolve', { method: 'POST', body: { url: url.trim() } }));
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };
  const add = async (search: Search) => {
    setError('');
    try {
      await api.call('/config/searches', { method: 'PUT', body: { value: [...searches, search], expectedVersion: version } });
      announce(`Search ${search.id} added`);
      setResolution(null);
      setUrl('');
      onSaved();
    } catch (failure) {
      const errors = failure instanceof ApiFailure ? (failure.details as { errors?: string[] } | null)?.errors : undefined;
      setError(errors?.length ? `${failureMessage(failure)}: ${errors.join('; ')}` : failureMessage(failure));
    }
  };

  return (
    <section class="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <table class="fields source-runs">
        <caption>Each search's last scrape run</caption>
        <thead>
          <tr>
            <th scope="col">Search</th>
            <th scope="col">Source</th>
            <th scope="col">Last run</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {searches.map((search) => {
            const run = lastRuns.get(search.id);
            return (
              <tr key={search.id} class={run ? `run-${run.status}` : undefined}>
                <th scope="row">{search.id}</th>
                <td>{search.source}</td>
                <td>{run ? coverageWords(run) : 'not run yet'}</td>
                <td>{run ? ageOf(run.finishedAt) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form class="stacked" aria-label="Add a source from a URL" onSubmit={find}>
        <Field
          label="Add from a URL: a careers page, job posting or apply link"
          name="sourceUrl"
          type="url"
          required
          value={url}
          onValue={setUrl}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit">Find the source</button>
        </div>
      </form>
      {resolution && (
        <div class="resolution" role="status">
          <p>{resolutionWords(resolution)}</p>
          {resolution.search && !resolution.existingSearchId && (
            <p>
              The search to add: <code>{JSON.stringify(resolution.search)}</code>{' '}
              <button type="button" onClick={() => void add(resolution.search!)}>
                Add search {resolution.search.id}
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
