import { CRM_STAGES, JOB_SOURCES } from '@jobpipe/contracts/vocabulary';

/** The inbox's filters as the form holds them (empty string: any). */
export interface InboxFilters {
  readonly stage: string;
  readonly track: string;
  readonly source: string;
  readonly remote: '' | 'true' | 'false';
  readonly salaryMin: string;
  readonly q: string;
}

/** What the inbox shows first: new jobs, whatever their track, source or salary. */
export const DEFAULT_FILTERS: InboxFilters = { stage: 'new', track: '', source: '', remote: '', salaryMin: '', q: '' };

/** The inbox's query string values of the filters. */
export function filterQuery(filters: InboxFilters): Record<string, string | undefined> {
  return {
    stage: filters.stage || undefined,
    track: filters.track || undefined,
    source: filters.source || undefined,
    remote: filters.remote || undefined,
    salaryMin: filters.salaryMin.trim() || undefined,
    q: filters.q.trim() || undefined,
  };
}

/** Whether a job (e.g. one that arrived live) passes the filters. */
export function passesFilters(
  job: { stage: string; track: string | null; source: string; remote: boolean | null; annualSalaryMax: number | null },
  filters: InboxFilters,
): boolean {
  if (filters.stage && job.stage !== filters.stage) return false;
  if (filters.track && job.track !== filters.track) return false;
  if (filters.source && job.source !== filters.source) return false;
  if (filters.remote && String(job.remote) !== filters.remote) return false;
  const salaryMin = Number(filters.salaryMin);
  if (filters.salaryMin.trim() && (job.annualSalaryMax === null || job.annualSalaryMax < salaryMin)) return false;
  return !filters.q.trim();
}

interface FilterBarProps {
  readonly filters: InboxFilters;
  readonly tracks: readonly string[];
  readonly onChange: (filters: InboxFilters) => void;
}

/** The filter form above the inbox: each control labelled, changes apply at once. */
export function FilterBar({ filters, tracks, onChange }: FilterBarProps) {
  const set = (name: keyof InboxFilters) => (event: Event) =>
    onChange({ ...filters, [name]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  return (
    <form class="filters" aria-label="Filter the inbox" onSubmit={(event) => event.preventDefault()}>
      <label>
        Status
        <select name="stage" value={filters.stage} onChange={set('stage')}>
          <option value="">any</option>
          {CRM_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {stage}
            </option>
          ))}
        </select>
      </label>
      <label>
        Track
        <select name="track" value={filters.track} onChange={set('track')}>
          <option value="">any</option>
          {tracks.map((track) => (
            <option key={track} value={track}>
              {track}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source
        <select name="source" value={filters.source} onChange={set('source')}>
          <option value="">any</option>
          {JOB_SOURCES.map((source) => (
            <option key={source} value={source}>
              {source}
            </option>
          ))}
        </select>
      </label>
      <label>
        Remote
        <select name="remote" value={filters.remote} onChange={set('remote')}>
          <option value="">any</option>
          <option value="true">remote</option>
          <option value="false">on site</option>
        </select>
      </label>
      <label>
        Salary at least
        <input
          name="salaryMin"
          type="number"
          min="0"
          step="1000"
          inputMode="numeric"
          value={filters.salaryMin}
          onChange={set('salaryMin')}
        />
      </label>
      <label>
        Search
        <input name="q" type="search" value={filters.q} onChange={set('q')} placeholder="title, company, skill" />
      </label>
    </form>
  );
}
