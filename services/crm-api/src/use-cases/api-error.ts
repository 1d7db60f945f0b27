/**
 * A caller mistake or refusal with its HTTP status, a stable machine-readable code and details;
 * rendered as `{ error, message, details }`.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 404 for a job id nobody knows. */
export function jobNotFound(jobId: string): ApiError {
  return new ApiError(404, 'job_not_found', `no job with id '${jobId}'`);
}
