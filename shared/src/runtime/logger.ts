import { type Logger as PinoInstance, pino } from 'pino';
import type { Logger } from '../ports/logger.js';

/** The text that replaces a secret's value in a log record. */
export const REDACTED = '[redacted]';

// Field names are compared lower-cased without '-' and '_', so `set-cookie`, `api_key` and `apiKey` match.
const SECRET_NAME_PARTS = ['password', 'passphrase', 'passwd', 'cookie', 'secret'];
const SECRET_NAME_ENDINGS = ['token', 'apikey', 'privatekey'];
const SECRET_NAMES = new Set(['authorization', 'proxyauthorization', 'otp', 'credentials', 'pass']);

/** Whether a field of this name holds a secret (password, cookie, token, key…) and is never logged. */
export function isSecretFieldName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[-_]/g, '');
  return (
    SECRET_NAMES.has(normalized) ||
    SECRET_NAME_PARTS.some((part) => normalized.includes(part)) ||
    SECRET_NAME_ENDINGS.some((ending) => normalized.endsWith(ending))
  );
}

/** A copy of a log record with every secret-named field, at any depth, replaced by `[redacted]`. */
export function redactSecrets(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((entry) => redactSecrets(entry, seen));
  if (value instanceof Error || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(value)) copy[name] = isSecretFieldName(name) ? REDACTED : redactSecrets(entry, seen);
  return copy;
}

/** The Logger port over pino; child bindings are redacted too (pino applies no formatter to them). */
class PinoLogger implements Logger {
  constructor(private readonly pinoLogger: PinoInstance) {}
  debug(fields: object, message?: string): void {
    this.pinoLogger.debug(fields, message);
  }
  info(fields: object, message?: string): void {
    this.pinoLogger.info(fields, message);
  }
  warn(fields: object, message?: string): void {
    this.pinoLogger.warn(fields, message);
  }
  error(fields: object, message?: string): void {
    this.pinoLogger.error(fields, message);
  }
  child(bindings: object): Logger {
    return new PinoLogger(this.pinoLogger.child(redactSecrets(bindings) as Record<string, unknown>));
  }
}

/** A structured JSON logger (pino) for a service; secret-named fields are redacted wherever they appear. */
export function createLogger(service: string, level = 'info', destination?: NodeJS.WritableStream): Logger {
  const instance = pino(
    {
      name: service,
      level,
      base: { service },
      formatters: { log: (record) => redactSecrets(record) as Record<string, unknown> },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? process.stdout,
  );
  return new PinoLogger(instance);
}
