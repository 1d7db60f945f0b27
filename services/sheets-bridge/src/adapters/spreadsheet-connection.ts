import { createHash } from 'node:crypto';
import { SETTING_SECRET_NAMES } from '@jobpipe/contracts';
import { type Clock, ConfigError, type Logger, type SecretStore } from '@jobpipe/shared';
import type { SheetGateway } from './sheets-api.js';

/** The spreadsheet a sync works with, as the sync engine asks for it. */
export interface SheetConnection {
  /** The connected spreadsheet's id; undefined while none is connected (the bridge then syncs nothing). */
  spreadsheetId(): Promise<string | undefined>;
  /** The gateway to that spreadsheet (its tab checked when first opened). */
  gateway(): Promise<SheetGateway>;
}

/** What the connection reads and how it opens a gateway. */
export interface ConnectionSettings {
  /** JOBPIPE_SHEETS_SPREADSHEET_ID, which wins over a stored spreadsheet. */
  readonly fixedSpreadsheetId: string | undefined;
  /** The secret holding the Google credentials JSON. */
  readonly credentialsSecret: string;
  /** How long a read of the secret store is used before the next sync reads it again. */
  readonly cacheMs: number;
  /** Opens the gateway to a spreadsheet with these credentials (the Google client). */
  open(spreadsheetId: string, credentials: string): Promise<SheetGateway>;
}

interface Stored {
  readonly readAt: number;
  readonly spreadsheetId: string | undefined;
  readonly credentials: string | undefined;
}

/**
 * The connected spreadsheet, read from the secret store when a sync needs it, not when the bridge
 * starts, and kept `cacheMs`: what `jobpipe sheets connect` or the cockpit's settings store takes effect
 * within that time without a restart, and a Lambda reads Secrets Manager only when it syncs. Another
 * spreadsheet or other credentials open a new gateway; the same ones keep the open one.
 */
export class SpreadsheetConnection implements SheetConnection {
  private stored: Stored | undefined;
  private opened: { readonly fingerprint: string; readonly gateway: SheetGateway } | undefined;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly secrets: () => SecretStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async spreadsheetId(): Promise<string | undefined> {
    return (await this.current()).spreadsheetId;
  }

  async gateway(): Promise<SheetGateway> {
    const { spreadsheetId, credentials } = await this.current();
    if (!spreadsheetId) throw new ConfigError('no spreadsheet is connected (jobpipe sheets connect)');
    if (!credentials)
      throw new ConfigError(
        `no Google credentials are stored under '${this.settings.credentialsSecret}' (jobpipe sheets connect, or the cockpit's settings)`,
      );
    const fingerprint = createHash('sha256').update(`${spreadsheetId}\n${credentials}`).digest('hex');
    if (this.opened?.fingerprint === fingerprint) return this.opened.gateway;
    const gateway = await this.settings.open(spreadsheetId, credentials);
    await gateway.checkTab();
    this.opened = { fingerprint, gateway };
    this.logger.info({ spreadsheetId }, 'sheets bridge connected to the spreadsheet');
    return gateway;
  }

  private async current(): Promise<Stored> {
    const now = this.clock.now().getTime();
    if (this.stored && now - this.stored.readAt < this.settings.cacheMs) return this.stored;
    const spreadsheetId = this.settings.fixedSpreadsheetId ?? (await this.read(SETTING_SECRET_NAMES.sheetsSpreadsheetId));
    const credentials = spreadsheetId ? await this.read(this.settings.credentialsSecret) : undefined;
    if (!spreadsheetId && (this.stored === undefined || this.stored.spreadsheetId))
      this.logger.warn(
        {},
        'no spreadsheet is connected (JOBPIPE_SHEETS_SPREADSHEET_ID, or `jobpipe sheets connect`): the sheets bridge acknowledges events without syncing until one is',
      );
    this.stored = { readAt: now, spreadsheetId, credentials };
    return this.stored;
  }

  /** A secret, or undefined when it is not stored or no secret store is configured. */
  private async read(name: string): Promise<string | undefined> {
    try {
      return await this.secrets().get(name);
    } catch (error) {
      if (error instanceof ConfigError) return undefined;
      throw error;
    }
  }
}

/** A connection to one gateway given from outside (tests, a rebuild with its own client). */
export function fixedConnection(spreadsheetId: string, gateway: SheetGateway): SheetConnection {
  return { spreadsheetId: async () => spreadsheetId, gateway: async () => gateway };
}
