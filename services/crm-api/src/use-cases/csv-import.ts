import type { Readable } from 'node:stream';
import type { ImportMode } from '@jobpipe/contracts';
import { parse } from 'csv-parse';
import type { CrmApiContext } from '../context.js';
import { importRowFromCsv, unknownColumns } from '../domain/import-rows.js';
import { ApiError } from './api-error.js';
import { ImportSession, type ImportSummary, importProgress } from './imports.js';

const REQUIRED_COLUMNS = ['title', 'company', 'url'];

function checkHeader(header: string[]): void {
  const unknown = unknownColumns(header);
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  const duplicated = header.filter((column, index) => header.indexOf(column) !== index);
  if (unknown.length || missing.length || duplicated.length) {
    throw new ApiError(400, 'invalid_csv_header', 'the CSV header does not match the import columns', {
      unknownColumns: unknown,
      missingColumns: missing,
      duplicatedColumns: duplicated,
    });
  }
}

/**
 * Streams a CSV upload (header row first, one job per row; row numbers count data rows from 1)
 * through csv-parse into an import session. A bad header refuses the whole upload before anything is
 * sent; a row with the wrong number of cells is rejected on its own; a CSV that cannot be parsed
 * further fails the import with the line, keeping what was already sent.
 */
export async function importCsvStream(context: CrmApiContext, input: Readable, importId: string, mode: ImportMode): Promise<ImportSummary> {
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 1_000_000 }));
  input.once('error', (error) => parser.destroy(error));
  let header: string[] | undefined;
  let session: ImportSession | undefined;
  let rowNumber = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = cells.map((cell) => cell.trim());
        checkHeader(header);
        session = new ImportSession(context, importId, 'csv', mode);
        if (!(await session.start())) throw new ApiError(409, 'import_exists', `an import with id '${importId}' already exists`);
        continue;
      }
      rowNumber++;
      if (cells.length !== header.length) {
        await session!.reject({ rowNumber, errors: [`has ${cells.length} cells; the header has ${header.length}`] });
        continue;
      }
      const record: Record<string, string> = {};
      header.forEach((column, index) => {
        record[column] = cells[index]!;
      });
      await session!.add(rowNumber, importRowFromCsv(record));
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const reason = `the CSV could not be read after data row ${rowNumber}: ${error instanceof Error ? error.message : String(error)}`;
    if (!session) throw new ApiError(400, 'invalid_csv', reason);
    const summary = await session.fail(reason);
    throw new ApiError(400, 'invalid_csv', reason, {
      importId,
      accepted: summary.accepted,
      rejected: summary.rejected,
      chunks: summary.chunks,
    });
  }
  if (!session) throw new ApiError(400, 'empty_csv', 'the CSV is empty: send a header row and at least one data row');
  await session.finish();
  return (await importProgress(context, importId, 0)).summary;
}
