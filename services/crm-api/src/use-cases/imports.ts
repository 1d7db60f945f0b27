import { createHash } from 'node:crypto';
import type { ImportMode, ImportRow, ImportSummaryItem, LoadedChunkItem, RejectedRowsItem } from '@jobpipe/contracts';
import { collect, nonWebUrlReason, type OutgoingEvent } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import type { AcceptedRow, RejectedRow } from '../domain/import-rows.js';
import { ApiError } from './api-error.js';

/** Rows per `import.chunk` (the contract's maximum). */
export const CHUNK_ROWS = 1000;
/** Rejected rows kept per stored part, so no item grows without bound. */
const REJECTED_PER_PART = 1000;

/** Progress of one import (`imports` table, part `summary`, plus the parser's `loaded#` reports). */
export interface ImportSummary {
  readonly importId: string;
  readonly kind: 'json' | 'csv';
  readonly mode: ImportMode;
  /** receiving: rows still arriving; loading: every chunk sent, the parser has not reported them all; done: every row landed or was rejected. */
  readonly status: 'receiving' | 'loading' | 'done' | 'failed';
  readonly totalRows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly chunks: number;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly failure: string | null;
}

const pad = (n: number) => String(n).padStart(6, '0');

/** Where the accepted rows of one chunk of an import are kept (`{ rows: [{ rowNumber, row }] }`). */
const chunkBlobKey = (importId: string, chunkIndex: number) => `imports/${importId}/chunk-${pad(chunkIndex)}.json`;

/**
 * One import being received: validates rows against the contracts `import-row` definition, writes
 * accepted rows to the blob store in chunks of 1000 and fans out one `import.chunk` per chunk, keeps
 * the rejected rows with their reasons, and records progress as it goes. Memory stays bounded by one
 * chunk whatever the size of the upload.
 */
export class ImportSession {
  private totalRows = 0;
  private acceptedCount = 0;
  private chunks = 0;
  private pending: AcceptedRow[] = [];
  private rejectedPart: RejectedRow[] = [];
  private rejectedParts = 0;
  private rejectedCount = 0;
  private createdAt = '';

  constructor(
    private readonly context: CrmApiContext,
    readonly importId: string,
    private readonly kind: 'json' | 'csv',
    private readonly mode: ImportMode,
  ) {}

  /** Records the import as started; returns false when an import with this id already exists. */
  async start(): Promise<boolean> {
    this.createdAt = this.context.clock.now().toISOString();
    return this.context.tables.put('imports', { part: 'summary', ...this.summary('receiving', null) }, { kind: 'notExists' });
  }

  /** Validates one row and queues it for the next chunk, or records why it was rejected. */
  async add(rowNumber: number, candidate: unknown): Promise<void> {
    this.totalRows++;
    const validation = this.context.registry.validateDefinition('import-row', candidate);
    const urlReason = validation.ok ? nonWebUrlReason((candidate as ImportRow).url) : undefined;
    if (urlReason) {
      await this.reject({ rowNumber, errors: [`url: ${urlReason}`] });
    } else if (validation.ok) {
      this.pending.push({ rowNumber, row: candidate as ImportRow });
      if (this.pending.length >= CHUNK_ROWS) await this.flushChunk();
    } else {
      await this.reject({ rowNumber, errors: validation.errors });
    }
  }

  /** Records a row refused before validation (e.g. a CSV line with the wrong number of cells). */
  async reject(row: RejectedRow): Promise<void> {
    if (!row.errors.length) throw new TypeError('a rejected row needs a reason');
    this.rejectedCount++;
    this.rejectedPart.push(row);
    if (this.rejectedPart.length >= REJECTED_PER_PART) await this.flushRejected();
  }

  /** Counts so far. */
  get counts(): { totalRows: number; accepted: number; rejected: number } {
    return { totalRows: this.totalRows, accepted: this.acceptedCount + this.pending.length, rejected: this.rejectedCount };
  }

  /**
   * Sends the last chunk, stores the remaining rejected rows and marks the import done; announces it
   * completed if the parser already reported every chunk (else its last report will).
   */
  async finish(): Promise<ImportSummary> {
    await this.flushChunk();
    await this.flushRejected();
    const summary = await this.writeSummary('done', null);
    await announceIfLoaded(this.context, this.importId, (events) => this.context.publisher.publish(events));
    return summary;
  }

  /** Marks the import failed (chunks already sent stay sent). */
  async fail(reason: string): Promise<ImportSummary> {
    await this.flushRejected();
    return this.writeSummary('failed', reason);
  }

  private async flushChunk(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const chunkIndex = this.chunks;
    const blobKey = chunkBlobKey(this.importId, chunkIndex);
    await this.context.blobs.put(blobKey, JSON.stringify({ rows }), 'application/json');
    this.chunks++;
    this.acceptedCount += rows.length;
    // The progress that counts the chunk, and the event that sends it, together.
    await this.context.outbox.commit({
      writes: [{ table: 'imports', item: { part: 'summary', ...this.summary('receiving', null) } }],
      events: [
        {
          detailType: 'import.chunk',
          data: {
            importId: this.importId,
            chunkIndex,
            blobKey,
            rowCount: rows.length,
            firstRowNumber: rows[0]!.rowNumber,
            mode: this.mode,
          },
        },
      ],
    });
  }

  private async flushRejected(): Promise<void> {
    if (this.rejectedPart.length === 0) return;
    const rows = this.rejectedPart;
    this.rejectedPart = [];
    await this.context.tables.put('imports', { importId: this.importId, part: `rejected#${pad(this.rejectedParts)}`, rows });
    this.rejectedParts++;
  }

  private summary(status: ImportSummary['status'], failure: string | null): ImportSummary {
    return {
      importId: this.importId,
      kind: this.kind,
      mode: this.mode,
      status,
      totalRows: this.totalRows,
      accepted: this.acceptedCount,
      rejected: this.rejectedCount,
      chunks: this.chunks,
      createdAt: this.createdAt,
      finishedAt: status === 'receiving' ? null : this.context.clock.now().toISOString(),
      failure,
    };
  }

  private async writeSummary(status: ImportSummary['status'], failure: string | null): Promise<ImportSummary> {
    const summary = this.summary(status, failure);
    await this.context.tables.put('imports', { part: 'summary', ...summary });
    return summary;
  }
}

/** The id of a JSON import: a hash of its content, so sending the same rows twice loads them once. */
export function jsonImportId(mode: ImportMode, rows: readonly unknown[]): string {
  return `json-${createHash('sha256')
    .update(JSON.stringify([mode, rows]))
    .digest('hex')
    .slice(0, 40)}`;
}

/** What the parser reported for one chunk (`imports` table, part `loaded#<chunk>`). */
interface ChunkLoaded {
  readonly chunkIndex: number;
  readonly rowCount: number;
  readonly stored: number;
  readonly rejectedRows: RejectedRow[];
}

/** Records the parser's report of one chunk; a repeated report (redelivery) changes nothing. */
export async function recordChunkLoaded(context: CrmApiContext, report: ChunkLoaded & { importId: string }): Promise<void> {
  const { importId, chunkIndex, rowCount, stored, rejectedRows } = report;
  await context.tables.put(
    'imports',
    { importId, part: `loaded#${pad(chunkIndex)}`, chunkIndex, rowCount, stored, rejectedRows },
    { kind: 'notExists' },
  );
}

/**
 * Announces `import.completed` once the import is done and the parser reported every chunk: called
 * after each report and when the last row was received, so whichever comes last announces (both may,
 * and a redelivered report announces again: the parser's handling of it changes nothing twice).
 */
export async function announceIfLoaded(
  context: CrmApiContext,
  importId: string,
  publish: (events: readonly OutgoingEvent<'import.completed'>[]) => Promise<unknown>,
): Promise<void> {
  const summary = (await context.tables.get('imports', { importId, part: 'summary' })) as ImportSummaryItem | undefined;
  if (summary?.status !== 'done' || (await chunksLoaded(context, importId)).length < summary.chunks) return;
  const chunkBlobKeys = Array.from({ length: summary.chunks }, (_, index) => chunkBlobKey(importId, index));
  await publish([
    {
      detailType: 'import.completed',
      data: { importId, mode: summary.mode, chunkBlobKeys, completedAt: context.clock.now().toISOString() },
    },
  ]);
}

/** The parser's reports of an import's chunks (the `loaded#` parts: the sort key decides an item's kind). */
async function chunksLoaded(context: CrmApiContext, importId: string): Promise<ChunkLoaded[]> {
  return (await collect(context.tables.queryAll('imports', { partitionValue: importId, sortBeginsWith: 'loaded#' }))) as LoadedChunkItem[];
}

/**
 * The summary as the caller sees it: rows the parser refused move from accepted to rejected, and an
 * import whose chunks were all sent is `loading` until the parser reported every one of them.
 */
function withLoadReports(summary: ImportSummary, reports: readonly ChunkLoaded[]): ImportSummary {
  const refused = reports.reduce((sum, report) => sum + report.rejectedRows.length, 0);
  const loading = summary.status === 'done' && reports.length < summary.chunks;
  return {
    ...summary,
    status: loading ? 'loading' : summary.status,
    accepted: summary.accepted - refused,
    rejected: summary.rejected + refused,
  };
}

/**
 * An import's progress, one page of the rows refused before sending, and every row the parser refused
 * (`loadRejectedRows`, at most 1000 per chunk).
 */
export async function importProgress(
  context: CrmApiContext,
  importId: string,
  rejectedPage: number,
): Promise<{ summary: ImportSummary; rejectedRows: RejectedRow[]; rejectedPages: number; loadRejectedRows: RejectedRow[] }> {
  const summary = (await context.tables.get('imports', { importId, part: 'summary' })) as ImportSummaryItem | undefined;
  if (!summary) throw new ApiError(404, 'import_not_found', `no import with id '${importId}'`);
  const [part, reports] = await Promise.all([
    context.tables.get('imports', { importId, part: `rejected#${pad(rejectedPage)}` }) as Promise<RejectedRowsItem | undefined>,
    chunksLoaded(context, importId),
  ]);
  const { part: _part, ...rest } = summary as ImportSummary & { part?: string };
  return {
    summary: withLoadReports(rest, reports),
    rejectedRows: part?.rows ?? [],
    rejectedPages: Math.ceil(summary.rejected / REJECTED_PER_PART),
    loadRejectedRows: reports.flatMap((report) => report.rejectedRows),
  };
}

/** Imports up to 1000 rows sent as JSON; the same rows sent again are not loaded again. */
export async function importJsonRows(
  context: CrmApiContext,
  rows: readonly unknown[],
  mode: ImportMode,
): Promise<{ summary: ImportSummary; rejectedRows: RejectedRow[]; duplicate: boolean }> {
  const session = new ImportSession(context, jsonImportId(mode, rows), 'json', mode);
  if (!(await session.start())) {
    const { summary, rejectedRows } = await importProgress(context, session.importId, 0);
    return { summary, rejectedRows, duplicate: true };
  }
  for (const [index, row] of rows.entries()) await session.add(index + 1, row);
  await session.finish();
  const { summary, rejectedRows } = await importProgress(context, session.importId, 0);
  return { summary, rejectedRows, duplicate: false };
}
