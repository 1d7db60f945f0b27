import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiFailure, queryString } from '../api.js';
import { salaryOf, scoreOf } from '../format.js';
import { type JobSummary, jobLink } from '../jobs.js';
import type { LiveMessage } from '../live.js';
import { illegalMoveReason, type StageMachine } from '../stage-machine.js';
import { usePointerDrag } from './pointer-drag.js';

const COLUMN_PAGE = 50;

interface Column {
  readonly items: JobSummary[];
  readonly nextCursor: string | null;
}

interface BulkResult {
  readonly moved: number;
  readonly failed: number;
  readonly results: { readonly jobId: string; readonly ok: boolean; readonly message?: string }[];
}

interface BoardProps {
  readonly api: Api;
  readonly onLive: (listener: (message: LiveMessage) => void) => () => void;
  readonly announce: (text: string) => void;
}

/**
 * The Kanban board: a column per CRM stage. Cards move by dragging, by Shift+← / Shift+→ on a focused
 * card, or in bulk (tick cards, pick a stage). A move the stage machine refuses is explained, not made.
 */
export function Board({ api, onLive, announce }: BoardProps) {
  const [machine, setMachine] = useState<StageMachine | undefined>();
  const [columns, setColumns] = useState<Record<string, Column>>({});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [closedReason, setClosedReason] = useState('not-interested');
  const [bulkTarget, setBulkTarget] = useState('');
  const [problem, setProblem] = useState('');
  const [error, setError] = useState('');
  const board = useRef<HTMLDivElement>(null);

  const loadColumn = useCallback(
    async (stage: string, from: string | null = null) => {
      const page = await api.call<Column>(`/jobs${queryString({ stage, limit: COLUMN_PAGE, ...(from ? { cursor: from } : {}) })}`);
      setColumns((shown) => ({
        ...shown,
        [stage]: { items: from ? [...(shown[stage]?.items ?? []), ...page.items] : page.items, nextCursor: page.nextCursor },
      }));
    },
    [api],
  );

  useEffect(() => {
    api
      .call<StageMachine>('/crm/stages')
      .then(async (answer) => {
        setMachine(answer);
        await Promise.all(answer.stages.map((stage) => loadColumn(stage)));
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [api, loadColumn]);

  // Moves made elsewhere (another tab, the sheet, the MCP server) and newly scored jobs show at once.
  useEffect(
    () =>
      onLive((message) => {
        if (message.event === 'crm.stage-changed') {
          const { from, to } = message.data as { from: string; to: string };
          void loadColumn(from);
          void loadColumn(to);
        } else if (message.event === 'job.scored') void loadColumn('new');
      }),
    [onLive, loadColumn],
  );

  const stageOfJob = (jobId: string) => Object.entries(columns).find(([, column]) => column.items.some((job) => job.jobId === jobId))?.[0];

  const explain = (text: string) => {
    setProblem(text);
    announce(text);
  };

  const moveOne = async (job: JobSummary, to: string) => {
    if (!machine || job.stage === to) return;
    const refusal = illegalMoveReason(machine, job.stage, to);
    if (refusal) return explain(`Not moved: ${job.title}: ${refusal}.`);
    try {
      await api.call(`/jobs/${encodeURIComponent(job.jobId)}/stage`, {
        method: 'POST',
        body: to === 'closed' ? { to, closedReason } : { to },
      });
      setProblem('');
      announce(`Moved ${job.title} to ${to}`);
      await Promise.all([loadColumn(job.stage), loadColumn(to)]);
      focusCard(job.jobId);
    } catch (failure) {
      explain(`Not moved: ${job.title}: ${failure instanceof ApiFailure ? failure.message : String(failure)}`);
    }
  };

  const moveSelected = async () => {
    if (!machine || !bulkTarget || selected.size === 0) return;
    const jobIds = [...selected];
    const sources = new Set(jobIds.map(stageOfJob).filter((stage): stage is string => stage !== undefined));
    try {
      const answer = await api.call<BulkResult>('/crm/bulk-stage', {
        method: 'POST',
        body: bulkTarget === 'closed' ? { jobIds, to: bulkTarget, closedReason } : { jobIds, to: bulkTarget },
      });
      const refused = answer.results.filter((result) => !result.ok);
      setSelected(new Set(refused.map((result) => result.jobId)));
      const summary = `Moved ${answer.moved} of ${jobIds.length} to ${bulkTarget}.`;
      if (refused.length > 0) explain(`${summary} Not moved: ${refused.map((result) => result.message).join('; ')}`);
      else {
        setProblem('');
        announce(summary);
      }
      await Promise.all([...sources, bulkTarget].map((stage) => loadColumn(stage)));
    } catch (failure) {
      explain(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };

  const focusCard = (jobId: string) =>
    requestAnimationFrame(() => board.current?.querySelector<HTMLElement>(`[data-job-id="${CSS.escape(jobId)}"]`)?.focus());

  const onCardKey = (event: KeyboardEvent, job: JobSummary) => {
    if (!machine) return;
    const index = machine.stages.indexOf(job.stage);
    const cards = () => [...(board.current?.querySelectorAll<HTMLElement>('[data-job-id]') ?? [])];
    if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      const to = machine.stages[index + (event.key === 'ArrowRight' ? 1 : -1)];
      if (to) void moveOne(job, to);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const column = cards().filter((card) => card.dataset.stage === job.stage);
      const at = column.findIndex((card) => card.dataset.jobId === job.jobId);
      column[at + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const step = event.key === 'ArrowRight' ? 1 : -1;
      for (let other = index + step; other >= 0 && other < machine.stages.length; other += step) {
        const first = cards().find((card) => card.dataset.stage === machine.stages[other]);
        if (first) return first.focus();
      }
    } else if (event.key === 'x') {
      event.preventDefault();
      toggle(job.jobId);
    }
  };

  const toggle = (jobId: string) =>
    setSelected((known) => {
      const next = new Set(known);
      if (next.has(jobId)) next.delete(jobId);
      else next.add(jobId);
      return next;
    });

  const drag = usePointerDrag((jobId, stage) => {
    const job = Object.values(columns)
      .flatMap((column) => column.items)
      .find((item) => item.jobId === jobId);
    if (job && stage) void moveOne(job, stage);
  });

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!machine) return <p aria-busy="true">Loading the board…</p>;
  return (
    <section class="board-view" aria-labelledby="board-title">
      <div class="view-head">
        <h1 id="board-title">Board</h1>
        <p class="hint">
          Drag a card, or focus its title and press <kbd>Shift</kbd>+<kbd>→</kbd>/<kbd>←</kbd> (arrows move between cards); <kbd>x</kbd>{' '}
          ticks it for a bulk move.
        </p>
      </div>
      <form
        class="bulk"
        aria-label="Move ticked cards"
        onSubmit={(event) => {
          event.preventDefault();
          void moveSelected();
        }}
      >
        <span>{selected.size} ticked</span>
        <label>
          Move to
          <select name="bulk-stage" value={bulkTarget} onChange={(event) => setBulkTarget(event.currentTarget.value)}>
            <option value="">choose a stage</option>
            {machine.stages.map((stage) => (
              <option key={stage} value={stage}>
                {stage}
              </option>
            ))}
          </select>
        </label>
        <label>
          Closing reason
          <select name="closed-reason" value={closedReason} onChange={(event) => setClosedReason(event.currentTarget.value)}>
            {machine.closedReasons.map((reason) => (
              <option key={reason} value={reason}>
                {reason}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={selected.size === 0 || !bulkTarget}>
          Move ticked
        </button>
      </form>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <div class="board" ref={board}>
        {machine.stages.map((stage) => {
          const column = columns[stage];
          return (
            <section
              key={stage}
              class={drag.overStage === stage ? 'column drop-target' : 'column'}
              data-stage={stage}
              aria-labelledby={`column-${stage}`}
            >
              <h2 id={`column-${stage}`}>
                {stage} <span class="count">{column ? `${column.items.length}${column.nextCursor ? '+' : ''}` : '…'}</span>
              </h2>
              <ul>
                {column?.items.map((job) => (
                  <li
                    key={job.jobId}
                    class={drag.draggingJobId === job.jobId ? 'card dragging' : 'card'}
                    onPointerDown={(event) => drag.start(event, job.jobId)}
                    style={drag.draggingJobId === job.jobId ? drag.offsetStyle : undefined}
                  >
                    <input
                      type="checkbox"
                      aria-label={`Tick ${job.title}`}
                      checked={selected.has(job.jobId)}
                      onChange={() => toggle(job.jobId)}
                    />
                    <div>
                      <a
                        href={jobLink(job.jobId)}
                        draggable={false}
                        data-job-id={job.jobId}
                        data-stage={stage}
                        onKeyDown={(event) => onCardKey(event, job)}
                      >
                        {job.title}
                      </a>
                      <div class="card-meta">
                        {job.company} · {scoreOf(job.score)} · {salaryOf(job.annualSalaryMax, job.salaryCurrency)}
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
              {column?.nextCursor && (
                <button type="button" class="secondary" onClick={() => void loadColumn(stage, column.nextCursor)}>
                  More
                </button>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
