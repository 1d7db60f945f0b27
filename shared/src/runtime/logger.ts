import { pino } from 'pino';
import type { Logger } from '../ports/logger.js';

/** Keys whose values are never logged, wherever they appear in a log record. */
export const REDACTED_KEYS = ['password', 'cookie', 'cookies', 'secret', 'token', 'apiKey', 'authorization', 'otp', 'totpSecret'];

/** A structured JSON logger (pino) for a service, with secret-looking fields redacted. */
export function createLogger(service: string, level = 'info', destination?: NodeJS.WritableStream): Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return pino(
    { name: service, level, base: { service }, redact: { paths, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? process.stdout,
  ) as unknown as Logger;
}
