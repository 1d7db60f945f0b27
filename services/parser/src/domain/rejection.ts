import { PermanentError } from '@jobpipe/shared';

/** Why a body can never yield a posting; the code is stable, the message names what is wrong. */
export type RejectionCode =
  | 'BODY_EMPTY'
  | 'BODY_TOO_LARGE'
  | 'BODY_ENCODING'
  | 'JSON_TRUNCATED'
  | 'JSON_INVALID'
  | 'XML_INVALID'
  | 'UNKNOWN_FORMAT'
  | 'NO_POSTING'
  | 'MISSING_FIELDS';

/** A body or row the parser rejects for good: dead-lettered with its reason, never retried. */
export class PostingRejected extends PermanentError {
  constructor(
    readonly rejection: RejectionCode,
    message: string,
  ) {
    // A rejection is an expected outcome that its message explains, not a fault to trace: it is made
    // without capturing the call stack, most of the cost of making an error (the parser makes one for
    // every body or posting it refuses).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(rejection, message);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}
