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
    super(rejection, message);
  }
}
