/** Base of jobpipe's typed errors: a stable machine-readable code plus a human message. */
export class JobpipeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message can never succeed (bad input, unknown version): dead-letter it now with the reason. */
export class PermanentError extends JobpipeError {}

/** A passing failure (network, throttling): retry after a delay, until max receives. */
export class TransientError extends JobpipeError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** A configuration value is missing or malformed. */
export class ConfigError extends JobpipeError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}
