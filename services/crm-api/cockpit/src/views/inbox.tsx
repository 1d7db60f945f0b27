import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiFailure, queryString } from '../api.js';
import { ScoreReasons } from '../components/score-reasons.js';
import { VirtualList } from '../components/virtual-list.js';
import { ageOf, salaryOf, scoreOf } from '../format.js';
import { groupOf, type InboxJob, type InboxPage, jobLink } from '../jobs.js';
import type { LiveMessage } from '../live.js';
import { DEFAULT_FILTERS, FilterBar, filterQuery, type InboxFilters, passesFilters } from './inbox-filters.js';
import { type TriageAction, triage } from './triage.js';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 92;

interface InboxProps {
  readonly api: Api;
  readonly tracks: readonly string[];
  /** Subscribes to the live stream; returns the unsubscribe function. */
  readonly onLive: (listener: (message: LiveMessage) => void) => () => void;
  readonly announce: (text: string) => void;
}

/**
 * The inbox: scored jobs best first, filtered on the server, drawn as a virtual list, triaged with
 * the keyboard (j/k or arrows to move, s shortlist, h hide, Enter or o to open).
 */
export function Inbox({ api, tracks, onLive, announce }: InboxProps) {
  const [filters, setFilters] = useState<InboxFilters>(DEFAULT_FILTERS);
  const [jobs, setJobs] = useState<InboxJob[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const generation = useRef(0);
  const loadingMore = useRef(false);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;

  const load = useCallback(
    async (from: string | null) => {
      const mine = from === null ? ++generation.current : generation.current;
      const page = await api.call<InboxPage>(
        `/inbox${queryString({ ...filterQuery(filters), limit: PAGE_SIZE, ...(from ? { cursor: from } : {}) })}`,
      );
      if (mine !== generation.current) return;
      setJobs((shown) => (from === null ? page.items : [...shown, ...page.items]));
      setCursor(page.nextCursor);
    },
    [api, filters],
  );

  useEffect(() => {
    setLoading(true);
    setError('');
    setActive(0);
    load(null)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => setLoading(false));
  }, [load]);

  // The first rows on screen: what the bench's ui.inboxFirstPaintMs reads (since navigation start).
  const firstRowsMarked = useRef(false);
  useEffect(() => {
    if (jobs.length === 0 || firstRowsMarked.current) return;
    firstRowsMarked.current = true;
    performance.mark('jobpipe:inbox-first-rows');
  }, [jobs]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore.current) return;
    loadingMore.current = true;
    load(cursor)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => {
        loadingMore.current = false;
      });
  }, [cursor, load]);

  // A job scored while the inbox is open goes into its place, if the filters let it in.
  useEffect(
    () =>
      onLive(async (message) => {
        if (message.event !== 'job.scored') return;
        const jobId = String(message.data.jobId);
        const detail = await api.call<{ summary: InboxJob | null; reasons: InboxJob['reasons'] }>(`/jobs/${encodeURIComponent(jobId)}`);
        if (!detail.summary || !passesFilters(detail.summary, filtersRef.current)) return;
        const job: InboxJob = { ...detail.summary, reasons: detail.reasons.slice(0, 3) };
        setJobs((shown) => {
          // Another posting of a job already shown stays in that row (the next load puts the best one first).
          if (shown.some((other) => other.jobId !== jobId && groupOf(other) === groupOf(job))) return shown;
          const others = shown.filter((other) => other.jobId !== jobId);
          const place = others.findIndex((other) => other.score < job.score);
          return place < 0 ? [...others, job] : [...others.slice(0, place), job, ...others.slice(place)];
        });
        setFresh((known) => new Set([...known, jobId]));
        announce(`New job: ${job.title} at ${job.company}, score ${scoreOf(job.score)}`);
      }),
    [api, onLive, announce],
  );

  // A posting that closes while the inbox is open leaves it: the inbox lists open jobs.
  useEffect(
    () =>
      onLive((message) => {
        if (message.event !== 'job.closed') return;
        const closed = jobsRef.current.find((job) => job.jobId === message.data.jobId);
        if (!closed) return;
        setJobs((shown) => shown.filter((job) => job.jobId !== closed.jobId));
        announce(`Posting closed: ${closed.title} at ${closed.company}`);
      }),
    [onLive, announce],
  );

  const act = async (action: TriageAction) => {
    const job = jobs[active];
    if (!job) return;
    try {
      const stage = await triage(api, job, action);
      const kept = passesFilters({ ...job, stage }, filters);
      setJobs((shown) =>
        kept
          ? shown.map((other) => (other.jobId === job.jobId ? { ...other, stage } : other))
          : shown.filter((other) => other.jobId !== job.jobId),
      );
      announce(`${action === 'shortlist' ? 'Shortlisted' : 'Hid'} ${job.title} at ${job.company}`);
    } catch (failure) {
      announce(failure instanceof ApiFailure ? `Could not ${action} ${job.title}: ${failure.message}` : String(failure));
    }
  };

  const openActive = () => {
    const job = jobs[active];
    if (job) window.location.hash = jobLink(job.jobId);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => setActive((index) => Math.min(index + 1, jobs.length - 1)),
      j: () => setActive((index) => Math.min(index + 1, jobs.length - 1)),
      ArrowUp: () => setActive((index) => Math.max(index - 1, 0)),
      k: () => setActive((index) => Math.max(index - 1, 0)),
      Home: () => setActive(0),
      End: () => setActive(jobs.length - 1),
      s: () => void act('shortlist'),
      h: () => void act('hide'),
      Enter: openActive,
      o: openActive,
    };
    const run = keys[event.key];
    if (!run) return;
    event.preventDefault();
    run();
  };

  const current = jobs[active];
  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <div class="view-head">
        <h1 id="inbox-title">Inbox</h1>
        <p class="hint" id="inbox-keys">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>s</kbd> shortlist, <kbd>h</kbd> hide, <kbd>Enter</kbd> open
        </p>
      </div>
      <FilterBar filters={filters} tracks={tracks} onChange={setFilters} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="inbox-body">
        {!loading && jobs.length === 0 && !error ? (
          <p class="empty">No jobs match these filters.</p>
        ) : (
          <VirtualList
            items={jobs}
            rowHeight={ROW_HEIGHT}
            activeIndex={Math.min(active, jobs.length - 1)}
            label="Jobs, best first"
            idOf={(job) => job.jobId}
            hasMore={cursor !== null}
            onNearEnd={loadMore}
            onActivate={setActive}
            onKeyDown={onKeyDown}
            renderRow={(job) => <InboxRow job={job} fresh={fresh.has(job.jobId)} />}
          />
        )}
        {current && (
          <aside class="preview" aria-label="Selected job">
            <h2>{current.title}</h2>
            <p>
              {current.company} · {current.locations.join(', ') || 'location not given'}
              {current.remote ? ' · remote' : ''}
            </p>
            <p>
              Score <strong>{scoreOf(current.score)}</strong> · {current.track ?? 'no track'} · {current.stage}
            </p>
            <ScoreReasons reasons={current.reasons} />
            {current.alsoOn && current.alsoOn.length > 0 && (
              <p class="also-on">
                Also on{' '}
                {current.alsoOn.map((other, index) => (
                  <span key={other.jobId}>
                    {index > 0 ? ', ' : ''}
                    <a href={other.url} target="_blank" rel="noopener noreferrer">
                      {other.source}
                    </a>{' '}
                    (score {scoreOf(other.score)})
                  </span>
                ))}
              </p>
            )}
            <div class="actions">
              <button type="button" onClick={() => void act('shortlist')}>
                Shortlist
              </button>
              <button type="button" class="secondary" onClick={() => void act('hide')}>
                Hide
              </button>
              <a class="button secondary" href={jobLink(current.jobId)}>
                Open
              </a>
            </div>
          </aside>
        )}
      </div>
    </section>
  );
}

function InboxRow({ job, fresh }: { job: InboxJob; fresh: boolean }) {
  return (
    <div class="row-content">
      <span class="score">
        <span class="visually-hidden">score </span>
        {scoreOf(job.score)}
      </span>
      <div class="row-main">
        <div class="row-title">
          <strong>{job.title}</strong> <span class="company">{job.company}</span>
          {fresh && <span class="badge">new</span>}
        </div>
        <div class="row-meta">
          <span>{job.source}</span> · <span>{ageOf(job.postedAt ?? job.scoredAt)}</span> ·{' '}
          <span>{salaryOf(job.annualSalaryMax, job.salaryCurrency)}</span>
          {job.remote ? ' · remote' : ''}
          {job.stage !== 'new' ? ` · ${job.stage}` : ''}
          {job.alsoOn && job.alsoOn.length > 0 && (
            <span class="also-on"> · also on {job.alsoOn.map((other) => other.source).join(', ')}</span>
          )}
        </div>
        <div class="row-reasons">{job.reasons.map((reason) => reason.text).join(' · ')}</div>
      </div>
    </div>
  );
}
