import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { ConfigError, type Logger } from '@jobpipe/shared';
import Bottleneck from 'bottleneck';
import type { CellValue } from '../domain/sheet-row.js';
import type { SheetsAuth } from './credentials.js';

/** Quota policy of the Sheets client. */
export interface SheetsQuota {
  /** Requests allowed per minute (Google's default per-user quota is 60 reads and 60 writes). */
  readonly requestsPerMinute: number;
  /** Retries of a throttled (429) or unavailable (5xx) request. */
  readonly maxRetries: number;
  /** Backoff base when the server gives no Retry-After. */
  readonly baseBackoffMs: number;
}

/** What the bridge needs from a spreadsheet: one tab read whole, rows rewritten in batches, rows appended. */
export interface SheetGateway {
  /** Throws a ConfigError when the spreadsheet or the tab cannot be found. */
  checkTab(): Promise<void>;
  /** Every row of the tab (row 1 first), cells unformatted. */
  readAll(): Promise<unknown[][]>;
  /** Rewrites whole rows (1-based row numbers) in one batch request. */
  writeRows(rows: readonly { rowNumber: number; cells: readonly CellValue[] }[]): Promise<void>;
  /** Appends rows after the last one. */
  appendRows(rows: readonly (readonly CellValue[])[]): Promise<void>;
}

interface HttpError {
  readonly status?: number;
  readonly response?: { status?: number; headers?: { get(name: string): string | null } | Record<string, string> };
}

function statusOf(error: unknown): number | undefined {
  const candidate = error as HttpError;
  return candidate?.response?.status ?? candidate?.status;
}

/** Milliseconds a Retry-After header asks to wait (seconds or an HTTP date), if it says. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const headers = (error as HttpError)?.response?.headers;
  // gaxios hands over a fetch Headers object (not always the global class); plain objects are accepted too.
  const value =
    typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The Sheets v4 client behind a rate limiter (bottleneck: a per-minute reservoir, one request at a
 * time). A 429 or 5xx is retried after the server's Retry-After, or with exponential backoff; the
 * client's own retries are off so the quota policy lives in one place. Values go in as RAW.
 */
export class GoogleSheetGateway implements SheetGateway {
  private readonly api: sheets_v4.Sheets;
  private readonly limiter: Bottleneck;
  private readonly range: string;

  constructor(
    options: { auth: SheetsAuth; spreadsheetId: string; tab: string; rootUrl?: string; quota: SheetsQuota },
    private readonly logger: Logger,
  ) {
    this.api = sheets({ version: 'v4', auth: options.auth, retry: false, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) });
    this.spreadsheetId = options.spreadsheetId;
    this.tab = options.tab;
    this.range = `'${options.tab.replace(/'/g, "''")}'`;
    const { requestsPerMinute, maxRetries, baseBackoffMs } = options.quota;
    this.limiter = new Bottleneck({
      maxConcurrent: 1,
      reservoir: requestsPerMinute,
      reservoirRefreshAmount: requestsPerMinute,
      reservoirRefreshInterval: 60_000,
    });
    this.limiter.on('failed', (error, info) => {
      const status = statusOf(error);
      if (status !== 429 && !(status !== undefined && status >= 500)) return undefined;
      if (info.retryCount >= maxRetries) return undefined;
      const wait = retryAfterMs(error) ?? baseBackoffMs * 2 ** info.retryCount;
      this.logger.warn({ status, retry: info.retryCount + 1, waitMs: wait }, 'Sheets API throttled or unavailable; backing off');
      return wait;
    });
  }

  private readonly spreadsheetId: string;
  private readonly tab: string;

  async checkTab(): Promise<void> {
    const response = await this.limiter.schedule(() =>
      this.api.spreadsheets.get({ spreadsheetId: this.spreadsheetId, fields: 'sheets.properties.title' }),
    );
    const titles = (response.data.sheets ?? []).map((sheet) => sheet.properties?.title);
    if (!titles.includes(this.tab)) throw new ConfigError(`spreadsheet has no tab '${this.tab}' (tabs: ${titles.join(', ')})`);
  }

  async readAll(): Promise<unknown[][]> {
    const response = await this.limiter.schedule(() =>
      this.api.spreadsheets.values.get({
        spreadsheetId: this.spreadsheetId,
        range: this.range,
        valueRenderOption: 'UNFORMATTED_VALUE',
        majorDimension: 'ROWS',
      }),
    );
    return (response.data.values ?? []) as unknown[][];
  }

  async writeRows(rows: readonly { rowNumber: number; cells: readonly CellValue[] }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.limiter.schedule(() =>
      this.api.spreadsheets.values.batchUpdate({
        spreadsheetId: this.spreadsheetId,
        requestBody: {
          valueInputOption: 'RAW',
          data: rows.map((row) => ({ range: `${this.range}!A${row.rowNumber}`, majorDimension: 'ROWS', values: [[...row.cells]] })),
        },
      }),
    );
  }

  async appendRows(rows: readonly (readonly CellValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    await this.limiter.schedule(() =>
      this.api.spreadsheets.values.append({
        spreadsheetId: this.spreadsheetId,
        range: `${this.range}!A1`,
        valueInputOption: 'RAW',
        insertDataOption: 'INSERT_ROWS',
        requestBody: { majorDimension: 'ROWS', values: rows.map((cells) => [...cells]) },
      }),
    );
  }
}
