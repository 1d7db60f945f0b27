import { contracts, type InboxMailbox } from '@jobpipe/contracts';
import { ConfigError, type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';

/** A mailbox the inbox watches: the settings of `defs/inbox-mailboxes.schema.json` with their defaults filled in. */
export interface WatchedMailbox {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly user: string;
  readonly folder: string;
  /** Name of the secret holding the password. */
  readonly passwordSecret: string;
  /** On the first connection, read from this day on (ISO date); undefined: only mail arriving from now on. */
  readonly since: string | undefined;
}

/** Settings of the inbox service. */
export interface InboxConfig {
  readonly runtime: RuntimeConfig;
  /** The mailboxes that opted in (`watch: true`); the others are listed but never read. */
  readonly mailboxes: readonly WatchedMailbox[];
  /** Seconds before reconnecting to a mailbox that dropped, doubling up to 5 minutes. */
  readonly reconnectSeconds: number;
}

/** The inbox's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const INBOX_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'inbox',
  type: 'object',
  properties: {
    JOBPIPE_INBOX_MAILBOXES: {
      type: 'string',
      default: '[]',
      description:
        'JSON array of mailboxes (contracts/schemas/defs/inbox-mailboxes.schema.json: name, host, port, tls, user, folder, watch, passwordSecret, since); only those with watch true are read, the password comes from the secret store (default name inbox/<name>)',
    },
    JOBPIPE_INBOX_RECONNECT_SECONDS: {
      type: 'number',
      minimum: 1,
      maximum: 300,
      default: 5,
      description: 'seconds before reconnecting to a mailbox that dropped (doubling up to 5 minutes)',
    },
  },
} as const satisfies EnvSchema;

/** The secret holding a mailbox's password when the mailbox names none. */
export const defaultPasswordSecret = (mailbox: string) => `inbox/${mailbox}`;

function watchedMailboxes(json: string): WatchedMailbox[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError('JOBPIPE_INBOX_MAILBOXES is not JSON (an array of mailboxes)');
  }
  const result = contracts().validateDefinition('inbox-mailboxes', parsed);
  if (!result.ok) throw new ConfigError(`JOBPIPE_INBOX_MAILBOXES: ${result.errors.join('; ')}`);
  const mailboxes = parsed as InboxMailbox[];
  const names = mailboxes.map((mailbox) => mailbox.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new ConfigError(`JOBPIPE_INBOX_MAILBOXES names the mailbox '${twice}' twice`);
  return mailboxes
    .filter((mailbox) => mailbox.watch)
    .map((mailbox) => ({
      name: mailbox.name,
      host: mailbox.host,
      port: mailbox.port ?? 993,
      tls: mailbox.tls ?? true,
      user: mailbox.user,
      folder: mailbox.folder ?? 'INBOX',
      passwordSecret: mailbox.passwordSecret ?? defaultPasswordSecret(mailbox.name),
      since: mailbox.since,
    }));
}

/** Reads and validates the inbox settings (`JOBPIPE_INBOX_*`) plus the runtime ones. */
export function readInboxConfig(env: Environment): InboxConfig {
  const values = readEnvConfig(INBOX_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    mailboxes: Object.freeze(watchedMailboxes(values.JOBPIPE_INBOX_MAILBOXES)),
    reconnectSeconds: values.JOBPIPE_INBOX_RECONNECT_SECONDS,
  });
}
