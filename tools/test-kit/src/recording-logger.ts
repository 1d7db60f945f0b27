/** A logger of the shape of shared's `Logger` (structural: the test kit does not import shared). */
export interface RecordingLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(fields: object): RecordingLogger;
}

/**
 * A logger that keeps every line as `<level> <message> <fields as JSON>` in `lines`, to check what
 * reaches the logs (a secret that must not, a failure that must).
 */
export function recordingLogger(lines: string[]): RecordingLogger {
  const record = (level: string) => (fields: object, message?: string) =>
    void lines.push(`${level} ${message ?? ''} ${JSON.stringify(fields)}`);
  const logger: RecordingLogger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: () => logger,
  };
  return logger;
}
