import type { EventDataMap } from '@jobpipe/contracts';

/** Where an application stands, as the API reports it. */
export type ApplicationStatus = 'requested' | 'waiting-session' | 'submitting' | 'submitted' | 'failed';

/** Every status the API reports, in the order an application moves through them. */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['requested', 'waiting-session', 'submitting', 'submitted', 'failed'];

/** The outcome event the applier keeps on its record. */
type StoredOutcome =
  | { readonly detailType: 'application.submitted'; readonly data: EventDataMap['application.submitted'] }
  | { readonly detailType: 'application.failed'; readonly data: EventDataMap['application.failed'] };

/** What crm-api writes when the user asks for an application. */
interface ApplicationRequestFields {
  readonly applicationId: string;
  readonly jobId: string;
  readonly dryRun: boolean;
  readonly requestedAt: string;
  readonly applyUrl: string;
  readonly site: string;
  readonly company: string;
  readonly title?: string;
}

/**
 * An `applications` item as stored. crm-api writes the request; the applier completes the same item with
 * its progress (`status`) and the outcome event it published (`outcome`); crm-api adds the outcome
 * fields itself when the outcome event reaches it first.
 */
export interface StoredApplication extends ApplicationRequestFields {
  readonly status: string;
  readonly finishedAt?: string | null;
  readonly failureCode?: string | null;
  readonly failureMessage?: string | null;
  readonly needsUser?: boolean | null;
  readonly evidenceBlobKeys?: string[];
  readonly outcome?: StoredOutcome | null;
}

/** An application as the API shows it. */
export interface ApplicationRecord extends ApplicationRequestFields {
  readonly status: ApplicationStatus;
  readonly finishedAt: string | null;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  /** The application stopped on something only the user can settle (a login, an unknown question). */
  readonly needsUser: boolean | null;
  readonly evidenceBlobKeys: string[];
}

const STATUS_OF: Record<string, ApplicationStatus> = {
  requested: 'requested',
  'waiting-session': 'waiting-session',
  submitting: 'submitting',
  submitted: 'submitted',
  // A dry run filled the form and kept the screenshot; `dryRun` says nothing was sent.
  'dry-run': 'submitted',
  failed: 'failed',
};

function fromOutcome(
  outcome: StoredOutcome,
): Pick<ApplicationRecord, 'finishedAt' | 'failureCode' | 'failureMessage' | 'needsUser' | 'evidenceBlobKeys'> {
  if (outcome.detailType === 'application.submitted') {
    const { beforeBlobKey, afterBlobKey } = outcome.data.evidence;
    return {
      finishedAt: outcome.data.submittedAt,
      failureCode: null,
      failureMessage: null,
      needsUser: null,
      evidenceBlobKeys: [beforeBlobKey, ...(afterBlobKey ? [afterBlobKey] : [])],
    };
  }
  const { failedAt, code, message, needsUser, evidenceBlobKey, question } = outcome.data;
  return {
    finishedAt: failedAt,
    failureCode: code,
    failureMessage: question ? `${message} (question: ${question})` : message,
    needsUser,
    evidenceBlobKeys: evidenceBlobKey ? [evidenceBlobKey] : [],
  };
}

/** The API view of a stored application: one status vocabulary, the outcome wherever it was recorded. */
export function applicationOf(stored: StoredApplication): ApplicationRecord {
  const recorded = stored.outcome ? fromOutcome(stored.outcome) : undefined;
  return {
    applicationId: stored.applicationId,
    jobId: stored.jobId,
    status: STATUS_OF[stored.status] ?? 'requested',
    dryRun: stored.dryRun,
    requestedAt: stored.requestedAt,
    applyUrl: stored.applyUrl,
    site: stored.site,
    company: stored.company,
    ...(stored.title === undefined ? {} : { title: stored.title }),
    finishedAt: stored.finishedAt ?? recorded?.finishedAt ?? null,
    failureCode: stored.failureCode ?? recorded?.failureCode ?? null,
    failureMessage: stored.failureMessage ?? recorded?.failureMessage ?? null,
    needsUser: stored.needsUser ?? recorded?.needsUser ?? null,
    evidenceBlobKeys: stored.evidenceBlobKeys?.length ? stored.evidenceBlobKeys : (recorded?.evidenceBlobKeys ?? []),
  };
}
