import { createPrivateKey } from 'node:crypto';
import { SETTING_SECRET_NAMES, USER_SECRET_NAMES } from '@jobpipe/contracts';
import type { SecretStore, TableReader } from '@jobpipe/shared';
import { ApiError } from './api-error.js';

/** What connecting a Google spreadsheet takes: a service account's JSON key and the spreadsheet. */
export interface SheetsConnectionRequest {
  /** The service-account key file Google gives (JSON text, or the parsed object). */
  readonly credentials: string | Record<string, unknown>;
  /** The spreadsheet's id, or its address as the browser shows it. */
  readonly spreadsheet: string;
}

/** Whether the sheets bridge has what it needs, as GET /sheets/connection shows it (never the key). */
export interface SheetsConnectionStatus {
  /** Both the credentials and a spreadsheet are stored. */
  readonly configured: boolean;
  readonly credentialsStored: boolean;
  /** The service account's address (share the spreadsheet with it); null when none or not a service account. */
  readonly serviceAccount: string | null;
  readonly spreadsheetId: string | null;
}

/** How the sheets bridge's last sync went, as it recorded it (never a key or token). */
export interface SheetsLastSync {
  readonly spreadsheetId: string;
  readonly syncedAt: string;
  readonly outcome: 'ok' | 'failed';
  readonly rowsWritten: number;
  readonly editsRead: number;
  readonly error: string | null;
  readonly lastSucceededAt: string | null;
  readonly failuresInRow: number;
}

/** The connection and the bridge's last sync, as GET /sheets/connection and `jobpipe sheets status` show them. */
export interface SheetsConnectionReport extends SheetsConnectionStatus {
  /** Null until the bridge has synced (it syncs when a job is scored or moved, and polls the sheet every minute). */
  readonly lastSync: SheetsLastSync | null;
}

const SPREADSHEET_ID = /^[A-Za-z0-9_-]{20,200}$/;
const SPREADSHEET_URL = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]{20,200})(?:[/?#]|$)/;
const invalid = (message: string) => new ApiError(400, 'invalid_sheets_credentials', message);

/** The spreadsheet id of an id or a spreadsheet's address. */
export function spreadsheetIdOf(spreadsheet: string): string {
  const text = spreadsheet.trim();
  const id = SPREADSHEET_URL.exec(text)?.[1] ?? (SPREADSHEET_ID.test(text) ? text : undefined);
  if (!id) {
    throw new ApiError(
      400,
      'invalid_spreadsheet',
      'spreadsheet must be a Google spreadsheet id (20 or more letters, digits, - and _) or its address https://docs.google.com/spreadsheets/d/<id>/…',
    );
  }
  return id;
}

/**
 * The service-account key checked for the fields the sheets bridge signs in with, in the form stored.
 * Messages name the field at fault and never quote a value.
 */
export function serviceAccountKeyOf(credentials: SheetsConnectionRequest['credentials']): Record<string, unknown> {
  let key: unknown = credentials;
  if (typeof credentials === 'string') {
    try {
      key = JSON.parse(credentials);
    } catch {
      throw invalid('credentials must be the JSON key file of a Google service account; this is not JSON');
    }
  }
  if (key === null || typeof key !== 'object' || Array.isArray(key)) throw invalid('credentials must be a JSON object (the key file)');
  const fields = key as Record<string, unknown>;
  if (fields.type !== 'service_account') {
    throw invalid(`credentials.type must be "service_account" (create a key for a service account in the Google Cloud console)`);
  }
  if (typeof fields.client_email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(fields.client_email)) {
    throw invalid('credentials.client_email is missing or not an email address');
  }
  if (typeof fields.private_key !== 'string' || !fields.private_key.includes('PRIVATE KEY')) {
    throw invalid('credentials.private_key is missing or not a PEM private key ("-----BEGIN PRIVATE KEY-----…")');
  }
  try {
    createPrivateKey(fields.private_key);
  } catch {
    throw invalid('credentials.private_key cannot be read as a private key (was the key file copied whole?)');
  }
  return fields;
}

/** The service account's address of stored credentials, if they are a service account's. */
function serviceAccountOf(stored: string | undefined): string | null {
  if (!stored) return null;
  try {
    const email = (JSON.parse(stored) as Record<string, unknown>).client_email;
    return typeof email === 'string' ? email : null;
  } catch {
    return null;
  }
}

/** What the secret store holds for the sheets bridge (never the key itself). */
export async function sheetsConnectionStatus(secrets: SecretStore): Promise<SheetsConnectionStatus> {
  const [credentials, spreadsheetId] = await Promise.all([
    secrets.get(USER_SECRET_NAMES.sheetsCredentials),
    secrets.get(SETTING_SECRET_NAMES.sheetsSpreadsheetId),
  ]);
  return {
    configured: credentials !== undefined && spreadsheetId !== undefined,
    credentialsStored: credentials !== undefined,
    serviceAccount: serviceAccountOf(credentials),
    spreadsheetId: spreadsheetId ?? null,
  };
}

/**
 * The sheets bridge's record of its last sync: the bridge's own table (`sheetsState`), read only here.
 */
export async function lastSheetsSync(tables: TableReader): Promise<SheetsLastSync | null> {
  const item = await tables.get('sheetsState', { key: 'sync#last' });
  if (!item) return null;
  const { key: _key, ...lastSync } = item;
  return lastSync;
}

/** What is stored for the sheets bridge and how its last sync went (read from `from.tables`). */
export async function sheetsConnectionReport(
  secrets: SecretStore,
  from: { readonly tables: TableReader },
): Promise<SheetsConnectionReport> {
  const [status, lastSync] = await Promise.all([sheetsConnectionStatus(secrets), lastSheetsSync(from.tables)]);
  return { ...status, lastSync };
}

/**
 * Stores a service account's key and the spreadsheet under the names the sheets bridge reads (it
 * picks them up at its next sync, within its connection cache time, without a restart). Both are checked before either is written; the key is never
 * returned, logged or published.
 */
export async function connectSheets(secrets: SecretStore, request: SheetsConnectionRequest): Promise<SheetsConnectionStatus> {
  const spreadsheetId = spreadsheetIdOf(request.spreadsheet);
  const key = serviceAccountKeyOf(request.credentials);
  await secrets.put(USER_SECRET_NAMES.sheetsCredentials, JSON.stringify(key));
  await secrets.put(SETTING_SECRET_NAMES.sheetsSpreadsheetId, spreadsheetId);
  return sheetsConnectionStatus(secrets);
}
