/* Generated from contracts/schemas by scripts/generate-types.ts. Do not edit by hand. */


export interface EventMeta {
  /**
   * Unique id of this event; consumers dedupe on it.
   */
  eventId: string;
  /**
   * major.minor of the data schema.
   */
  schemaVersion: string;
  occurredAt: string;
  /**
   * Carried unchanged from the first event of a flow.
   */
  correlationId: string;
  /**
   * eventId of the event that caused this one.
   */
  causationId?: string;
  /**
   * W3C trace context.
   */
  traceparent?: string;
}

export interface JobpipeConfig {
  /**
   * @maxItems 50
   */
  tracks: {
    name: string;
    /**
     * @maxItems 200
     */
    titleKeywords: {
      term: string;
      weight: number;
    }[];
    /**
     * @maxItems 500
     */
    bodyKeywords: {
      term: string;
      weight: number;
    }[];
    mustHave?: string[];
    blocked?: string[];
    salaryFloor?: {
      amount: number;
      currency: string;
    } | null;
    locations?: string[];
    remote?: "required" | "preferred" | "any" | "excluded";
    experience?: {
      min: number | null;
      max: number | null;
    } | null;
    seniority?: string[];
  }[];
  /**
   * @maxItems 200
   */
  searches: {
    id: string;
    source:
      | "mcf"
      | "usajobs"
      | "greenhouse"
      | "lever"
      | "jsonld"
      | "workday"
      | "smartrecruiters"
      | "ashby"
      | "recruitee"
      | "workable"
      | "personio";
    keywords?: string;
    location?: string;
    minSalary?: number;
    boards?: string[];
    urls?: string[];
    /**
     * hosts this search may fetch from besides its source's own (the scraper's allowlist): the host of a jsonld page added with `jobpipe source add`, written as `host`, `host:port` or `*.example.com` for subdomains
     *
     * @maxItems 50
     */
    allowHosts?: string[];
    /**
     * hosts of this search's urls that may be loopback, link-local or private addresses (an intranet board, the local replay server); any other such host is refused
     */
    allowPrivateHosts?: string[];
    /**
     * CSS selector for links to follow on a search page
     */
    followLinks?: string;
    maxPages?: number;
    /**
     * cron expression
     */
    schedule?: string;
    useBrowser?: boolean;
  }[];
  scoring?: {
    trackWeight?: number;
    modelWeight?: number;
    minExamples?: number;
    notifyThreshold?: number;
  };
  currencyRates?: {
    currency: string;
    perUsd: number;
    asOf: string;
  }[];
  /**
   * Applicant profile used by the applier (name, email, phone, resume blob key, answers).
   */
  profile?: {};
  /**
   * Sites the applier and auth-refresher work with, by site name (the name credentials are stored under: site/<name>/username, …/password, …/totp). Each has the origin its pages and session cookies belong to, and optionally how to log in (login) and how to fill its apply form (apply): selectors as data, read by the applier and the auth-refresher.
   */
  sites?: {
    [k: string]:
      | {
          /**
           * Origin of the site's pages; an application's URL on this origin is applied to with this site's settings.
           */
          baseUrl: string;
          /**
           * How the auth-refresher logs in (see docs/auto-apply.md).
           */
          login?: {};
          /**
           * How the applier fills the apply form (see docs/auto-apply.md).
           */
          apply?: {};
        }
      | undefined;
  };
  /**
   * where new jobs are announced: instant notifications over a score and a daily digest, to webhooks and email (secrets in the secret store, never here)
   */
  notifications?: {
    /**
     * @maxItems 50
     */
    targets?: NotificationTarget[];
    /**
     * cron expression of the daily digest (default 0 7 * * *, UTC)
     */
    digestSchedule?: string;
  };
  [k: string]: unknown | undefined;
}

export interface NotificationTarget {
  /**
   * the target's name: lower-case letters, digits and dashes (its secret is notify/<name> unless it names another)
   */
  name: string;
  /**
   * webhook: a generic JSON POST; slack: a Slack-compatible incoming webhook ({text, blocks}); email: a message over SMTP
   */
  kind: "webhook" | "slack" | "email";
  /**
   * send each job scoring at least minScore as it is scored (default true)
   */
  instant?: boolean;
  /**
   * send a daily digest of the day's jobs scoring at least digestMinScore that were not sent instantly (default true)
   */
  digest?: boolean;
  /**
   * instant notifications from this score on (default scoring.notifyThreshold, else 70)
   */
  minScore?: number;
  /**
   * digest entries from this score on (default minScore)
   */
  digestMinScore?: number;
  /**
   * instant notifications per hour at most (a token bucket, default 10); the excess goes into the next digest
   */
  maxPerHour?: number;
  /**
   * name of the secret holding the webhook URL (webhook, slack) or the SMTP password (email); default notify/<name>
   */
  secret?: string;
  /**
   * hosts of the webhook URL or SMTP server that may be loopback, link-local or private addresses; any other such host is refused
   */
  allowPrivateHosts?: string[];
  /**
   * the SMTP server and addresses of an email target
   */
  email?: {
    host: string;
    /**
     * default 587 (465 with security tls)
     */
    port?: number;
    /**
     * starttls (default): upgrade a plain connection and refuse one that cannot; tls: TLS from the start; none: plain text (a local relay only)
     */
    security?: "starttls" | "tls" | "none";
    /**
     * SMTP login; leave out for a server without authentication
     */
    user?: string;
    from: string;
    /**
     * @minItems 1
     * @maxItems 50
     */
    to: [string, ...string[]];
  };
}

/**
 * One job row of a CSV or JSON import (POST /imports/*), as stored in an import.chunk blob: { "rows": [{ "rowNumber": n, "row": ImportRow }] }.
 */

export interface ImportRow {
  externalId?: string;
  title: string;
  company: string;
  url: string;
  location?: string;
  remote?: boolean;
  description?: string;
  salaryMin?: number;
  salaryMax?: number;
  salaryCurrency?: string;
  salaryPeriod?: "hour" | "day" | "week" | "month" | "year";
  employmentType?: string;
  /**
   * @maxItems 200
   */
  skills?: string[];
  experienceYearsMin?: number;
  postedAt?: string;
}

/**
 * The mailboxes the inbox may watch (JOBPIPE_INBOX_MAILBOXES). Each is watched only when it opts in with `watch: true`; its password is never here but in the secret store, under `passwordSecret` (default `inbox/<name>`).
 *
 * @maxItems 10
 */

export type InboxMailboxes =
  | []
  | [InboxMailbox]
  | [InboxMailbox, InboxMailbox]
  | [InboxMailbox, InboxMailbox, InboxMailbox]
  | [InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox]
  | [InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox]
  | [InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox]
  | [InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox]
  | [InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox, InboxMailbox]
  | [
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox
    ]
  | [
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox,
      InboxMailbox
    ];

export interface InboxMailbox {
  /**
   * Short name of the mailbox: in events, the inbox table and secret names.
   */
  name: string;
  /**
   * The IMAP server's host name.
   */
  host: string;
  port?: number;
  /**
   * Implicit TLS (port 993); false for a plain connection upgraded with STARTTLS when the server offers it.
   */
  tls?: boolean;
  /**
   * The IMAP login.
   */
  user: string;
  /**
   * The folder watched with IDLE.
   */
  folder?: string;
  /**
   * Opt-in: only a mailbox with watch true is read.
   */
  watch: boolean;
  /**
   * Name of the secret holding the password (default inbox/<name>).
   */
  passwordSecret?: string;
  /**
   * On the first connection, read messages received from this day on (default: only new ones).
   */
  since?: string;
}

export interface NormalizedJob {
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  source:
    | "mcf"
    | "usajobs"
    | "greenhouse"
    | "lever"
    | "jsonld"
    | "import"
    | "workday"
    | "smartrecruiters"
    | "ashby"
    | "recruitee"
    | "workable"
    | "personio";
  externalId: string;
  canonicalUrl: string;
  title: string;
  company: string;
  /**
   * @maxItems 50
   */
  locations: {
    display: string;
    city?: string | null;
    region?: string | null;
    country?: string | null;
  }[];
  remote: boolean | null;
  employmentType: ("full-time" | "part-time" | "contract" | "temporary" | "internship" | "volunteer" | "other") | null;
  seniority: string | null;
  salary: {
    min: number | null;
    max: number | null;
    currency: string;
    period: "hour" | "day" | "week" | "month" | "year";
    annualMin: number | null;
    annualMax: number | null;
    /**
     * stated by the source's structured data, or inferred from text/defaults
     */
    basis: "stated" | "inferred";
  } | null;
  /**
   * @maxItems 200
   */
  skills: string[];
  /**
   * each skill of `skills` with how the posting asks for it and where it was found
   *
   * @maxItems 200
   */
  skillDetails?: {
    name: string;
    /**
     * required: asked for; preferred: nice to have, a plus, exposure to, not required; mentioned: named without either (or only by the source's tags)
     */
    importance: "required" | "preferred" | "mentioned";
    /**
     * where it was found, e.g. 'mcf:skills', 'text:description'
     *
     * @minItems 1
     * @maxItems 4
     */
    sources: [string] | [string, string] | [string, string, string] | [string, string, string, string];
  }[];
  experienceYears: {
    min: number | null;
    max: number | null;
  } | null;
  /**
   * Plain text, truncated to 40k chars; the sanitized HTML stays in the jobs table.
   */
  descriptionText: string;
  postedAt: string | null;
  expiresAt: string | null;
  contentHash: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /**
   * field name → where the value came from (e.g. 'mcf:salary', 'text:experience')
   */
  provenance?: {
    [k: string]: string | undefined;
  };
}

/**
 * An application could not be completed.
 */

export interface ApplicationFailedV1 {
  meta: EventMeta;
  data: {
    applicationId: string;
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    site: string;
    failedAt: string;
    code:
      | "session-unavailable"
      | "unknown-question"
      | "form-changed"
      | "site-error"
      | "timeout"
      | "daily-cap"
      | "duplicate-job"
      | "duplicate-company"
      | "browser-crashed"
      | "outcome-unknown"
      | "site-not-configured"
      | "profile-incomplete";
    message: string;
    needsUser: boolean;
    evidenceBlobKey: string | null;
    /**
     * The screening question the answer bank does not cover (code unknown-question).
     */
    question?: string;
  };
}

/**
 * The user asked to apply to a job.
 */

export interface ApplicationRequestedV1 {
  meta: EventMeta;
  data: {
    applicationId: string;
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    applyUrl: string;
    site: string;
    company: string;
    dryRun: boolean;
    requestedAt: string;
  };
}

/**
 * An application form was filled (and submitted unless dry run).
 */

export interface ApplicationSubmittedV1 {
  meta: EventMeta;
  data: {
    applicationId: string;
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    site: string;
    dryRun: boolean;
    submittedAt: string;
    evidence: {
      beforeBlobKey: string;
      afterBlobKey: string | null;
    };
    answers: {
      question: string;
      answer: string;
    }[];
  };
}

/**
 * The user's configuration changed.
 */

export interface ConfigChangedV1 {
  meta: EventMeta;
  data: {
    version: number;
    changedAt: string;
    /**
     * @minItems 1
     */
    sections: [
      "tracks" | "searches" | "scoring" | "currencyRates" | "profile" | "sites" | "notifications",
      ...("tracks" | "searches" | "scoring" | "currencyRates" | "profile" | "sites" | "notifications")[]
    ];
    config: JobpipeConfig;
  };
}

/**
 * The user dismissed a ghost-risk flag of a job, or took a dismissal back: the change and the job's whole set of dismissals after it, so a consumer keeps the latest by changedAt. A dismissal names the flag by its criterion and the time it first fired (since): a criterion that ceases and fires again is a new flag, shown again.
 */

export interface CrmFlagDismissalsChangedV1 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    /**
     * When the user made the change.
     */
    changedAt: string;
    change: {
      /**
       * open-past-usual-close: up longer than 90 % of its source's closed postings were (60 days until the source has 20 closures; never under 30); relisted-repeatedly: listed three times or more under new ids; reposted-while-open: relisted under a new id while an earlier listing is still open; evergreen-no-salary: no salary and wording that collects applications (talent pool, always looking, future opportunities).
       */
      kind: "open-past-usual-close" | "relisted-repeatedly" | "reposted-while-open" | "evergreen-no-salary";
      /**
       * When the criterion first fired.
       */
      since: string;
      /**
       * true: the flag was dismissed; false: its dismissal was taken back.
       */
      dismissed: boolean;
    };
    /**
     * Every flag of the job the user has dismissed, after the change (empty: none).
     */
    dismissals: FlagDismissal[];
  };
}

export interface FlagDismissal {
  /**
   * open-past-usual-close: up longer than 90 % of its source's closed postings were (60 days until the source has 20 closures; never under 30); relisted-repeatedly: listed three times or more under new ids; reposted-while-open: relisted under a new id while an earlier listing is still open; evergreen-no-salary: no salary and wording that collects applications (talent pool, always looking, future opportunities).
   */
  kind: "open-past-usual-close" | "relisted-repeatedly" | "reposted-while-open" | "evergreen-no-salary";
  /**
   * When the criterion first fired.
   */
  since: string;
  dismissedAt: string;
}

/**
 * A job moved between CRM stages (or got a note).
 */

export interface CrmStageChangedV1 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    from: ("new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed") | null;
    to: "new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed";
    closedReason: ("rejected" | "withdrawn" | "expired" | "hired" | "not-interested") | null;
    changedAt: string;
    changedBy: "user" | "sheet" | "applier" | "system";
    note?: string;
    /**
     * Set when the change records a reply from the employer (stage may stay the same).
     */
    response?: {
      kind: "recruiter-replied" | "interview-scheduled" | "rejected" | "offer-made" | "other";
      respondedAt: string;
      interviewAt?: string | null;
    };
  };
}

/**
 * The inbox read a message of a watched mailbox: what it is about, the application it belongs to, and how sure it is. Never the body, subject or sender: those stay in the inbox's own table.
 */

export interface EmailClassifiedV1 {
  meta: EventMeta;
  data: {
    /**
     * The message's Message-ID header (or '<mailbox>/<uidvalidity>/<uid>' when it has none): the key of the message in the inbox's table.
     */
    messageId: string;
    /**
     * Name of the watched mailbox, as configured.
     */
    mailbox: string;
    /**
     * What the message is about.
     */
    emailClass:
      "application-received" | "rejection" | "interview-invitation" | "assessment" | "recruiter-outreach" | "other";
    /**
     * How sure the classifier is of the class (0-1).
     */
    confidence: number;
    /**
     * A rule (a calendar invitation) or the naive Bayes model.
     */
    decidedBy: "rule" | "model";
    receivedAt: string;
    /**
     * The job of the application the message belongs to; null when none matched.
     */
    jobId: string | null;
    /**
     * What tied the message to the job (empty when none matched).
     */
    matchedBy: ("thread" | "ats-sender" | "company-domain" | "company-name" | "job-title")[];
    /**
     * Start of the interview when the message carries a calendar invitation (.ics).
     */
    interviewAt: string | null;
  };
}

/**
 * The analytics database was rebuilt and its snapshot published.
 */

export interface EtlCompletedV1 {
  meta: EventMeta;
  data: {
    requestId: string;
    snapshotBlobKey: string;
    completedAt: string;
    durationMs: number;
    rows: {
      jobs: number;
      stageChanges: number;
      applications: number;
      skills: number;
    };
  };
}

/**
 * Rebuild (or refresh) the analytics database.
 */

export interface EtlRequestedV1 {
  meta: EventMeta;
  data: {
    requestId: string;
    kind: "full" | "incremental";
    requestedAt: string;
  };
}

/**
 * One chunk (≤1000 rows) of an import to load.
 */

export interface ImportChunkV1 {
  meta: EventMeta;
  data: {
    importId: string;
    chunkIndex: number;
    blobKey: string;
    rowCount: number;
    firstRowNumber: number;
    mode: "incremental" | "full";
  };
}

/**
 * The parser loaded one import chunk: how many of its rows were stored as jobs, and each row it refused with the reasons, so the import's progress is final only when every row landed or was rejected.
 */

export interface ImportChunkLoadedV1 {
  meta: EventMeta;
  data: {
    importId: string;
    chunkIndex: number;
    /**
     * rows the chunk held
     */
    rowCount: number;
    /**
     * rows stored as jobs
     */
    stored: number;
    /**
     * @maxItems 1000
     */
    rejectedRows: {
      rowNumber: number;
      /**
       * @minItems 1
       */
      errors: [string, ...string[]];
    }[];
  };
}

/**
 * Every row of an import landed or was rejected (the parser reported every chunk). For a full import the parser then closes the imported jobs the import left out (job.closed, closeReason left-out-of-full-import) and reopens those it closed so that the import lists again.
 */

export interface ImportCompletedV1 {
  meta: EventMeta;
  data: {
    importId: string;
    mode: "incremental" | "full";
    /**
     * The blob of every chunk sent, in order: together the rows the import holds.
     *
     * @maxItems 2000
     */
    chunkBlobKeys: string[];
    completedAt: string;
  };
}

/**
 * The user asked the inbox to delete the messages it stored (bodies, subjects, senders) of one mailbox or of all (`jobpipe inbox forget`). What was classified stays in the CRM's proposals.
 */

export interface InboxForgetRequestedV1 {
  meta: EventMeta;
  data: {
    requestedAt: string;
    /**
     * The mailbox whose messages to delete; null for every mailbox.
     */
    mailbox: string | null;
  };
}

/**
 * The user closes a job's posting themselves (action close: it is gone, filled, or not worth tracking as open), or takes that back (action reopen). The parser, which owns the jobs' lifecycle, closes it with closeReason user (job.closed) or reopens a job the user closed (job.reopened); a job closed by the user is not reopened by a later sighting.
 */

export interface JobCloseRequestedV1 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    /**
     * Names the request; a reopen names it as its run.
     */
    requestId: string;
    action: "close" | "reopen";
    requestedAt: string;
  };
}

/**
 * A job's posting closed: missing from two consecutive complete reads of every search that listed it, past the closing date its source gave, or closed by the source or the user. Closing never hides the job's history; it leaves new recommendations.
 */

export interface JobClosedV1 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    closedAt: string;
    /**
     * missing-from-complete-reads: two consecutive complete reads of every search that listed it went without it; expired: past the closing date its source gave (expiresAt); source-says-closed: the source marks it closed; user: the user closed it; left-out-of-full-import: an imported job a later full import (import.completed, mode full) did not hold.
     */
    closeReason: "missing-from-complete-reads" | "expired" | "source-says-closed" | "user" | "left-out-of-full-import";
    firstSeenAt: string;
    lastSeenAt: string;
    /**
     * For missing-from-complete-reads: the search whose read closed it and the complete runs that missed it.
     */
    evidence?: {
      searchId: string;
      /**
       * The complete runs in a row that missed it, oldest first.
       */
      runIds: string[];
    };
    expiresAt?: string | null;
  };
}

/**
 * The ghost-risk flags of an open job changed (a criterion fired or ceased): the whole current set, so a consumer keeps the latest by flaggedAt. A flag is a named reason shown beside the job, never a verdict that hides it; docs/lifecycle.md defends each criterion.
 */

export interface JobFlaggedV1 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    /**
     * When the set was decided (the finishing time of the run whose sweep decided it).
     */
    flaggedAt: string;
    /**
     * Every criterion that fires now (empty: none does any more).
     */
    flags: GhostFlag[];
  };
}

export interface GhostFlag {
  /**
   * open-past-usual-close: up longer than 90 % of its source's closed postings were (60 days until the source has 20 closures; never under 30); relisted-repeatedly: listed three times or more under new ids; reposted-while-open: relisted under a new id while an earlier listing is still open; evergreen-no-salary: no salary and wording that collects applications (talent pool, always looking, future opportunities).
   */
  kind: "open-past-usual-close" | "relisted-repeatedly" | "reposted-while-open" | "evergreen-no-salary";
  /**
   * The figures that made it fire, in words.
   */
  detail: string;
  /**
   * When the criterion first fired.
   */
  since: string;
}

/**
 * A posting was normalized and stored (new or changed content).
 */

export interface JobParsedV1 {
  meta: EventMeta;
  data: {
    job: NormalizedJob;
    change: "new" | "updated";
    duplicateOf: {
      /**
       * Stable job id: '<source>:<external id>'.
       */
      jobId: string;
      confidence: number;
    } | null;
  };
}

/**
 * A closed job's posting was listed again by a read of one of its searches: it is open again, its age still counted from its first sighting.
 */

export interface JobReopenedV1 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    reopenedAt: string;
    /**
     * When it had been closed.
     */
    closedAt: string;
    /**
     * missing-from-complete-reads: two consecutive complete reads of every search that listed it went without it; expired: past the closing date its source gave (expiresAt); source-says-closed: the source marks it closed; user: the user closed it; left-out-of-full-import: an imported job a later full import (import.completed, mode full) did not hold.
     */
    previousCloseReason:
      "missing-from-complete-reads" | "expired" | "source-says-closed" | "user" | "left-out-of-full-import";
    searchId: string;
    runId: string;
  };
}

/**
 * A posting was scored against the user's tracks and model.
 */

export interface JobScoredV1 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    contentHash: string;
    score: number;
    track: string | null;
    trackScore: number;
    modelProbability: number | null;
    modelVersion: string | null;
    filteredBy: string | null;
    /**
     * @maxItems 50
     */
    reasons: {
      kind:
        | "title"
        | "body"
        | "must-have"
        | "blocked"
        | "salary"
        | "location"
        | "remote"
        | "experience"
        | "seniority"
        | "model"
        | "fallback";
      text: string;
      points: number;
    }[];
    scoredAt: string;
    job: {
      title: string;
      company: string;
      canonicalUrl: string;
      source:
        | "mcf"
        | "usajobs"
        | "greenhouse"
        | "lever"
        | "jsonld"
        | "import"
        | "workday"
        | "smartrecruiters"
        | "ashby"
        | "recruitee"
        | "workable"
        | "personio";
      locations?: string[];
      remote?: boolean | null;
      annualSalaryMax?: number | null;
      salaryCurrency?: string | null;
      postedAt?: string | null;
      skills?: string[];
    };
  };
}

/**
 * A posting was scored against the user's tracks and model. v2 adds the penalty reason kinds 'stale' (up long since its first sighting) and 'ghost-risk' (a ghost-risk criterion fires, job.flagged); v1 consumers keep reading v1 during the rollout.
 */

export interface JobScoredV2 {
  meta: EventMeta;
  data: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    contentHash: string;
    score: number;
    track: string | null;
    trackScore: number;
    modelProbability: number | null;
    modelVersion: string | null;
    filteredBy: string | null;
    /**
     * @maxItems 50
     */
    reasons: {
      kind:
        | "title"
        | "body"
        | "must-have"
        | "blocked"
        | "salary"
        | "location"
        | "remote"
        | "experience"
        | "seniority"
        | "model"
        | "fallback"
        | "stale"
        | "ghost-risk";
      text: string;
      points: number;
    }[];
    scoredAt: string;
    job: {
      title: string;
      company: string;
      canonicalUrl: string;
      source:
        | "mcf"
        | "usajobs"
        | "greenhouse"
        | "lever"
        | "jsonld"
        | "import"
        | "workday"
        | "smartrecruiters"
        | "ashby"
        | "recruitee"
        | "workable"
        | "personio";
      locations?: string[];
      remote?: boolean | null;
      annualSalaryMax?: number | null;
      salaryCurrency?: string | null;
      postedAt?: string | null;
      skills?: string[];
      /**
       * When the job was first seen (a relisting: its first listing); its age counts from here.
       */
      firstSeenAt?: string;
      /**
       * The job this posting duplicates (the parser's dedupe link, job.parsed duplicateOf): every posting of one job names the same canonical job, which itself carries none. Absent on a job without copies, and on scores before the field existed.
       */
      canonicalJobId?: string;
    };
  };
}

/**
 * One raw posting body was fetched and stored (claim check: the body is in the blob store).
 */

export interface JobScrapedV1 {
  meta: EventMeta;
  data: {
    source:
      | "mcf"
      | "usajobs"
      | "greenhouse"
      | "lever"
      | "jsonld"
      | "workday"
      | "smartrecruiters"
      | "ashby"
      | "recruitee"
      | "workable"
      | "personio";
    externalId: string;
    url: string;
    blobKey: string;
    contentHash: string;
    contentType: "application/json" | "text/html" | "application/xml";
    byteLength: number;
    fetchedAt: string;
    searchId?: string;
    runId?: string;
  };
}

/**
 * Time for the daily digest: the notifier sends each target the jobs waiting for it (fired by the scheduler, or `jobpipe notify digest`). A request is sent at most once per target: a second delivery of the same request sends nothing.
 */

export interface NotificationDigestRequestedV1 {
  meta: EventMeta;
  data: {
    requestId: string;
    requestedAt: string;
  };
}

/**
 * The user asked to send a test notification to one target (`POST /notifications/targets/{name}/test`, the cockpit's settings, `jobpipe notify test`): the notifier sends it a short test message in the target's format (generic JSON webhook, Slack-compatible webhook or email) through its ordinary senders and records the outcome as the target's last outcome, which GET /notifications/targets shows. A failed test is recorded, not retried (the user asks again); a second delivery of the same request sends the same message again with the same id, so a receiver may drop the repeat.
 */

export interface NotificationTestRequestedV1 {
  meta: EventMeta;
  data: {
    /**
     * One test request; the test message's id (webhook Idempotency-Key, email Message-ID) is made from it.
     */
    requestId: string;
    /**
     * The name of a notification target of the stored config (config notifications.targets).
     */
    target: string;
    requestedAt: string;
  };
}

/**
 * One run of one search ended: how much of the search (and of each board) it read, and whether that read was complete. Only a complete read may close jobs missing from it.
 */

export interface ScrapeFinishedV1 {
  meta: EventMeta;
  data: {
    searchId: string;
    source:
      | "mcf"
      | "usajobs"
      | "greenhouse"
      | "lever"
      | "jsonld"
      | "workday"
      | "smartrecruiters"
      | "ashby"
      | "recruitee"
      | "workable"
      | "personio";
    runId: string;
    /**
     * complete: every page and posting was read and nothing was capped or truncated; partial: the run got through but missed some (failed postings or pages, a cap, truncation, fewer than the source reported); failed: the search itself could not be read.
     */
    status: "complete" | "partial" | "failed";
    coverage: {
      /**
       * The number of matches the source itself reports for the search, where it reports one.
       */
      reportedTotal?: number;
      /**
       * Postings the listing pages named (a list answered 304 counts the postings it held last time).
       */
      listed: number;
      /**
       * Postings read whole: published, unchanged or not modified.
       */
      fetched: number;
      /**
       * New or changed postings announced with job.scraped.
       */
      published: number;
      unchanged: number;
      notModified: number;
      /**
       * Postings (or boards) that could not be read after retries, or were refused.
       */
      postingsFailed: number;
      /**
       * Listing pages that could not be read.
       */
      pagesFailed: number;
      /**
       * The source lists no more than a fixed number of results and the search reached it.
       */
      capped: boolean;
      /**
       * Reading stopped at the page limit (maxPages) while the source had more pages.
       */
      truncated: boolean;
    };
    /**
     * Per board (greenhouse boards, lever companies) of the search.
     *
     * @maxItems 500
     */
    boards?: {
      board: string;
      /**
       * failed: the board's list could not be read.
       */
      status: "complete" | "failed";
      listed: number;
      /**
       * The board listed nothing where its previous read listed postings.
       */
      drift: boolean;
    }[];
    /**
     * Source drift: the search (or one of its boards) listed nothing where the previous run listed many: a changed API or page, or a block, rather than no jobs.
     */
    drift: boolean;
    /**
     * Postings the previous finished run of the search listed.
     */
    previousListed?: number;
    /**
     * Blob holding the JSON array of the external ids the run listed (absent when it failed): what the owner of the jobs compares its open jobs against.
     */
    seenBlobKey?: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
  };
}

/**
 * hosts this search may fetch from besides its source's own (the scraper's allowlist): the host of a jsonld page added with `jobpipe source add`, written as `host`, `host:port` or `*.example.com` for subdomains
 *
 * @maxItems 50
 */

export type AllowHosts = string[];

/**
 * Ask the scraper to run one search now.
 */

export interface ScrapeRequestedV1 {
  meta: EventMeta;
  data: {
    searchId: string;
    source:
      | "mcf"
      | "usajobs"
      | "greenhouse"
      | "lever"
      | "jsonld"
      | "workday"
      | "smartrecruiters"
      | "ashby"
      | "recruitee"
      | "workable"
      | "personio";
    runId: string;
    keywords?: string;
    location?: string;
    minSalary?: number;
    boards?: string[];
    urls?: string[];
    allowHosts?: AllowHosts;
    followLinks?: string;
    maxPages?: number;
    useBrowser?: boolean;
    requestedBy: "schedule" | "user" | "cli";
  };
}

/**
 * A site session is missing or expired and must be renewed.
 */

export interface SessionRefreshRequestedV1 {
  meta: EventMeta;
  data: {
    site: string;
    /**
     * Why a login is asked for; 'unblocked': the user fixed what blocked the site (credentials, TOTP secret) and asks to log in again now.
     */
    reason: "missing" | "expired" | "rejected" | "scheduled" | "unblocked";
    requestedAt: string;
    applicationId?: string;
  };
}

/**
 * A site session was renewed (the cookie itself stays in the secret store).
 */

export interface SessionRefreshedV1 {
  meta: EventMeta;
  data: {
    site: string;
    status: "ok" | "needs-user";
    expiresAt: string | null;
    refreshedAt: string;
    message?: string;
    /**
     * Why the user must act (status needs-user).
     */
    reason?:
      | "otp-required"
      | "wrong-credentials"
      | "login-page-changed"
      | "timeout"
      | "site-error"
      | "too-many-failures"
      | "missing-credentials"
      | "site-not-configured";
    /**
     * Blob key of the screenshot taken when the login failed.
     */
    screenshotBlobKey?: string;
  };
}

/**
 * One owner deleted what a wipe.requested asked of it: how many items of each of its tables (or its own stores) went, so read models built from them follow.
 */

export interface WipeCompletedV1 {
  meta: EventMeta;
  data: {
    /**
     * One wipe; every owner's wipe.completed names it.
     */
    wipeId: string;
    /**
     * postings: scraped and imported postings, their parsed jobs, scores and listings (the CRM keeps its stages, so a posting scraped again finds them); all: also the CRM (stages, history, notes, applications, proposals), imports, scrape runs and the recommender's decisions and model.
     */
    scope: "postings" | "all";
    /**
     * The owner that deleted.
     */
    service: string;
    /**
     * Items deleted per table (or store) of that owner; a repeated wipe reports 0.
     */
    removed: {
      [k: string]: number | undefined;
    };
    completedAt: string;
  };
}

/**
 * The user asked to delete what jobpipe stored (`POST /wipe`, `jobpipe wipe`): the postings and everything derived from them, or also everything the user did with them. Config, API keys, site sessions and secrets stay. Every owner of such data deletes its own and announces it with wipe.completed (docs/running.md, Wiping).
 */

export interface WipeRequestedV1 {
  meta: EventMeta;
  data: {
    /**
     * One wipe; every owner's wipe.completed names it.
     */
    wipeId: string;
    /**
     * postings: scraped and imported postings, their parsed jobs, scores and listings (the CRM keeps its stages, so a posting scraped again finds them); all: also the CRM (stages, history, notes, applications, proposals), imports, scrape runs and the recommender's decisions and model.
     */
    scope: "postings" | "all";
    requestedAt: string;
    /**
     * Where the user asked.
     */
    requestedBy: "api" | "cli";
  };
}

/** The data of the newest major version of each detail-type. */
export interface EventDataMap {
  'application.failed': ApplicationFailedV1['data'];
  'application.requested': ApplicationRequestedV1['data'];
  'application.submitted': ApplicationSubmittedV1['data'];
  'config.changed': ConfigChangedV1['data'];
  'crm.flag-dismissals-changed': CrmFlagDismissalsChangedV1['data'];
  'crm.stage-changed': CrmStageChangedV1['data'];
  'email.classified': EmailClassifiedV1['data'];
  'etl.completed': EtlCompletedV1['data'];
  'etl.requested': EtlRequestedV1['data'];
  'import.chunk': ImportChunkV1['data'];
  'import.chunk-loaded': ImportChunkLoadedV1['data'];
  'import.completed': ImportCompletedV1['data'];
  'inbox.forget-requested': InboxForgetRequestedV1['data'];
  'job.close-requested': JobCloseRequestedV1['data'];
  'job.closed': JobClosedV1['data'];
  'job.flagged': JobFlaggedV1['data'];
  'job.parsed': JobParsedV1['data'];
  'job.reopened': JobReopenedV1['data'];
  'job.scored': JobScoredV2['data'];
  'job.scraped': JobScrapedV1['data'];
  'notification.digest-requested': NotificationDigestRequestedV1['data'];
  'notification.test-requested': NotificationTestRequestedV1['data'];
  'scrape.finished': ScrapeFinishedV1['data'];
  'scrape.requested': ScrapeRequestedV1['data'];
  'session.refresh-requested': SessionRefreshRequestedV1['data'];
  'session.refreshed': SessionRefreshedV1['data'];
  'wipe.completed': WipeCompletedV1['data'];
  'wipe.requested': WipeRequestedV1['data'];
}

/**
 * An API key as stored (written by crm-api): never the key itself, only its scrypt hash.
 */

export interface ApiKeyItem {
  keyHash: string;
  keyId: string;
  name: string;
  scope: "read" | "write";
  createdAt: string;
  revokedAt: string | null;
  /**
   * when the key last opened a request (written at most once a minute per key and crm-api instance; absent: never used)
   */
  lastUsedAt?: string;
  /**
   * how many times the record was written after its creation (absent: never); each write checks it, so a use recorded at the moment of a revocation cannot write the revocation away
   */
  revision?: number;
}

/**
 * An application as the user asked for it (written by crm-api), with the outcome crm-api learns from `application.submitted` / `application.failed`.
 */

export interface ApplicationItem {
  applicationId: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  dryRun: boolean;
  requestedAt: string;
  applyUrl: string;
  site: string;
  company: string;
  title: string;
  status: "requested" | "submitted" | "failed";
  finishedAt: string | null;
  failureCode:
    | (
        | "session-unavailable"
        | "unknown-question"
        | "form-changed"
        | "site-error"
        | "timeout"
        | "daily-cap"
        | "duplicate-job"
        | "duplicate-company"
        | "browser-crashed"
        | "outcome-unknown"
        | "site-not-configured"
        | "profile-incomplete"
      )
    | null;
  failureMessage: string | null;
  needsUser: boolean | null;
  evidenceBlobKeys: string[];
}

/**
 * The applier's progress with one application request. `submitting` is the intent recorded BEFORE the submit click: a delivery that finds it never clicks again.
 */

export interface ApplierStateItem {
  applicationId: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  dryRun: boolean;
  requestedAt: string;
  applyUrl: string;
  site: string;
  company: string;
  status: "requested" | "waiting-session" | "submitting" | "submitted" | "dry-run" | "failed";
  /**
   * Bumped on every write; writes are conditional on it.
   */
  version: number;
  /**
   * How many times the application waited for a session refresh.
   */
  sessionWaits: number;
  /**
   * When a real submit was attempted: what the daily cap and once-per rules count.
   */
  submitAttemptedAt: string | null;
  outcome:
    | (
        | {
            detailType: "application.submitted";
            data: Data;
          }
        | {
            detailType: "application.failed";
            data: Data1;
          }
      )
    | null;
  outcomePublished: boolean;
  updatedAt: string;
}

export interface Data {
  applicationId: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  site: string;
  dryRun: boolean;
  submittedAt: string;
  evidence: {
    beforeBlobKey: string;
    afterBlobKey: string | null;
  };
  answers: {
    question: string;
    answer: string;
  }[];
}

export interface Data1 {
  applicationId: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  site: string;
  failedAt: string;
  code:
    | "session-unavailable"
    | "unknown-question"
    | "form-changed"
    | "site-error"
    | "timeout"
    | "daily-cap"
    | "duplicate-job"
    | "duplicate-company"
    | "browser-crashed"
    | "outcome-unknown"
    | "site-not-configured"
    | "profile-incomplete";
  message: string;
  needsUser: boolean;
  evidenceBlobKey: string | null;
  /**
   * The screening question the answer bank does not cover (code unknown-question).
   */
  question?: string;
}

/**
 * The user's configuration, versioned (written by crm-api; key `current`).
 */

export interface ConfigItem {
  key: "current";
  version: number;
  updatedAt: string;
  config: JobpipeConfig;
}

/**
 * The ghost-risk flags of the job the user dismissed (absent: none ever).
 */

export type Dismissals = FlagDismissal[];

/**
 * The CRM state of one job (written by crm-api).
 */

export interface CrmItem {
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  stage: "new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed";
  closedReason: ("rejected" | "withdrawn" | "expired" | "hired" | "not-interested") | null;
  updatedAt: string;
  version: number;
  responses: number;
  lastResponseAt: string | null;
  flagDismissals?: Dismissals;
}

/**
 * One entry of a job's CRM history (written by crm-api); `changeId` starts with the time, so entries sort in time order.
 */

export interface CrmHistoryItem {
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  changeId: string;
  kind: "stage" | "note" | "response";
  from: ("new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed") | null;
  to: "new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed";
  closedReason: ("rejected" | "withdrawn" | "expired" | "hired" | "not-interested") | null;
  note: string | null;
  response: Response | null;
  at: string;
  by: "user" | "sheet" | "applier" | "system";
}
/**
 * Set when the change records a reply from the employer (stage may stay the same).
 */

export interface Response {
  kind: "recruiter-replied" | "interview-scheduled" | "rejected" | "offer-made" | "other";
  respondedAt: string;
  interviewAt?: string | null;
}

/**
 * A crm-api write request by its Idempotency-Key (hashed with the API key): claimed while it runs, then its first answer, replayed to retries until expiresAt.
 */

export interface IdempotencyKeyItem {
  key: string;
  /**
   * SHA-256 of the request's method, URL and body.
   */
  fingerprint: string;
  /**
   * Epoch seconds after which the item no longer counts (DynamoDB TTL).
   */
  expiresAt: number;
  answer?: {
    statusCode: number;
    contentType: string | null;
    body: string;
  };
}

/**
 * Progress of one import (written by crm-api): its `summary` part, its rejected rows in parts `rejected#<n>`, and the parser's report of each chunk in parts `loaded#<n>`.
 */

export type ImportItem = ImportSummaryItem | RejectedRowsItem | LoadedChunkItem;

export interface ImportSummaryItem {
  importId: string;
  part: "summary";
  kind: "json" | "csv";
  mode: "incremental" | "full";
  status: "receiving" | "loading" | "done" | "failed";
  totalRows: number;
  accepted: number;
  rejected: number;
  chunks: number;
  createdAt: string;
  finishedAt: string | null;
  failure: string | null;
}

export interface RejectedRowsItem {
  importId: string;
  part: string;
  /**
   * @maxItems 1000
   */
  rows: {
    rowNumber: number;
    /**
     * @minItems 1
     */
    errors: [string, ...string[]];
  }[];
}
/**
 * The parser's report of one chunk (import.chunk-loaded): rows stored and rows it refused.
 */

export interface LoadedChunkItem {
  importId: string;
  part: string;
  chunkIndex: number;
  rowCount: number;
  stored: number;
  rejectedRows: {
    rowNumber: number;
    /**
     * @minItems 1
     */
    errors: [string, ...string[]];
  }[];
}

/**
 * The inbox's own store (written by inbox), one kind of item per key prefix: `message#<mailbox>#<messageId>` (a classified message with its body: it never leaves this table; `jobpipe inbox forget` deletes these), `cursor#<mailbox>` (how far the watcher has read a mailbox).
 */

export type InboxItem = InboxMessageItem | InboxCursorItem;
/**
 * What tied the message to the job (empty when none matched).
 */

export type MatchedBy = ("thread" | "ats-sender" | "company-domain" | "company-name" | "job-title")[];

/**
 * A message of a watched mailbox, what the classifier made of it and the job it was matched to.
 */

export interface InboxMessageItem {
  /**
   * message#<mailbox>#<messageId>
   */
  key: string;
  /**
   * Name of the watched mailbox, as configured.
   */
  mailbox: string;
  /**
   * The message's Message-ID header (or '<mailbox>/<uidvalidity>/<uid>' when it has none): the key of the message in the inbox's table.
   */
  messageId: string;
  /**
   * The message's IMAP UID in the watched folder.
   */
  uid: number;
  inReplyTo: string | null;
  /**
   * @maxItems 100
   */
  references: string[];
  from: {
    address: string;
    name?: string;
  };
  subject: string;
  /**
   * The plain-text body (cut at 200 000 characters).
   */
  text: string;
  receivedAt: string;
  /**
   * What the message is about.
   */
  emailClass:
    "application-received" | "rejection" | "interview-invitation" | "assessment" | "recruiter-outreach" | "other";
  /**
   * How sure the classifier is of the class (0-1).
   */
  confidence: number;
  /**
   * A rule (a calendar invitation) or the naive Bayes model.
   */
  decidedBy: "rule" | "model";
  /**
   * The job of the application the message belongs to; null when none matched.
   */
  jobId: string | null;
  matchedBy: MatchedBy;
  /**
   * Start of the interview when the message carries a calendar invitation (.ics).
   */
  interviewAt: string | null;
  storedAt: string;
}
/**
 * The highest UID the watcher has classified in a mailbox's folder, valid while the folder's UIDVALIDITY holds.
 */

export interface InboxCursorItem {
  /**
   * cursor#<mailbox>
   */
  key: string;
  /**
   * Name of the watched mailbox, as configured.
   */
  cursorOf: string;
  uidValidity: string;
  lastUid: number;
  updatedAt: string;
}

/**
 * @maxItems 50
 */

export type Locations = {
  display: string;
  city?: string | null;
  region?: string | null;
  country?: string | null;
}[];
/**
 * @maxItems 200
 */

export type Skills = string[];
/**
 * each skill of `skills` with how the posting asks for it and where it was found
 *
 * @maxItems 200
 */

export type SkillDetails = {
  name: string;
  /**
   * required: asked for; preferred: nice to have, a plus, exposure to, not required; mentioned: named without either (or only by the source's tags)
   */
  importance: "required" | "preferred" | "mentioned";
  /**
   * where it was found, e.g. 'mcf:skills', 'text:description'
   *
   * @minItems 1
   * @maxItems 4
   */
  sources: [string] | [string, string] | [string, string, string] | [string, string, string, string];
}[];
/**
 * The ghost-risk criteria that fire for the job (decided by the lifecycle sweep; absent until one fires).
 */

export type Flags = GhostFlag[];

/**
 * A jobs-table item (written by the parser): the normalized job of `job.parsed` plus what only the table keeps.
 */

export interface JobItem {
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  source:
    | "mcf"
    | "usajobs"
    | "greenhouse"
    | "lever"
    | "jsonld"
    | "import"
    | "workday"
    | "smartrecruiters"
    | "ashby"
    | "recruitee"
    | "workable"
    | "personio";
  externalId: string;
  canonicalUrl: string;
  title: string;
  company: string;
  locations: Locations;
  remote: boolean | null;
  employmentType: ("full-time" | "part-time" | "contract" | "temporary" | "internship" | "volunteer" | "other") | null;
  seniority: string | null;
  salary: {
    min: number | null;
    max: number | null;
    currency: string;
    period: "hour" | "day" | "week" | "month" | "year";
    annualMin: number | null;
    annualMax: number | null;
    /**
     * stated by the source's structured data, or inferred from text/defaults
     */
    basis: "stated" | "inferred";
  } | null;
  skills: Skills;
  skillDetails?: SkillDetails;
  experienceYears: {
    min: number | null;
    max: number | null;
  } | null;
  /**
   * Plain text, truncated to 40k chars; the sanitized HTML stays in the jobs table.
   */
  descriptionText: string;
  postedAt: string | null;
  expiresAt: string | null;
  contentHash: string;
  firstSeenAt: string;
  lastSeenAt: string;
  provenance?: Provenance;
  /**
   * The sanitized description HTML (events carry only the text).
   */
  descriptionHtml: string;
  /**
   * Company, title and place, normalized: postings of one job on several sources share it (index byDedupeKey).
   */
  dedupeKey: string;
  /**
   * Fingerprint of the description text, when it is long enough to compare (index byTextFingerprint).
   */
  textFingerprint?: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  canonicalJobId?: string;
  duplicateConfidence?: number;
  /**
   * Blob key of the raw body the item was parsed from (for reparse).
   */
  rawBlobKey?: string;
  /**
   * URL the raw body was fetched from (job.scraped `url`).
   */
  sourceUrl?: string;
  /**
   * When that raw body was fetched; an older body never overwrites a newer one.
   */
  fetchedAt: string;
  /**
   * contentHash whose job.parsed was published.
   */
  publishedHash?: string;
  /**
   * When the posting closed (absent while open).
   */
  closedAt?: string;
  /**
   * missing-from-complete-reads: two consecutive complete reads of every search that listed it went without it; expired: past the closing date its source gave (expiresAt); source-says-closed: the source marks it closed; user: the user closed it; left-out-of-full-import: an imported job a later full import (import.completed, mode full) did not hold.
   */
  closeReason?: "missing-from-complete-reads" | "expired" | "source-says-closed" | "user" | "left-out-of-full-import";
  /**
   * Per search that listed the job: the last run that counted for it and how many complete reads in a row went without it (the lifecycle sweep's bookkeeping).
   */
  reads?: {
    [k: string]:
      | {
          lastRunId: string;
          misses: number;
          missedRunIds?: string[];
        }
      | undefined;
  };
  /**
   * Stable job id: '<source>:<external id>'.
   */
  relistOf?: string;
  /**
   * How many listings of the job came before this one.
   */
  relistCount?: number;
  ghostFlags?: Flags;
}
/**
 * field name → where the value came from (e.g. 'mcf:salary', 'text:experience')
 */

export interface Provenance {
  [k: string]: string | undefined;
}

/**
 * The notifier's own store (written by notifier), one kind of item per key prefix: `delivery#<target>#<jobId>` (a job for a target: queued for its digest, being sent, or sent; one item per target and job is what keeps a job from being sent twice), `bucket#<target>` (its token bucket of instant notifications), `digest#<target>` (its digest cursor), `target#<target>` (its last delivery outcome, shown by GET /notifications/targets), `closure#<jobId>` (whether the job's posting is closed, from job.closed / job.reopened: a closed job is never notified). No URL, address or secret is stored here.
 */

export type NotificationsItem =
  | NotificationDeliveryItem
  | NotificationBucketItem
  | NotificationDigestItem
  | NotificationTargetStatusItem
  | NotificationClosureItem;

/**
 * One job for one target. `revision` grows with every write, so concurrent deliveries of the same job.scored cannot both claim it.
 */

export interface NotificationDeliveryItem {
  /**
   * delivery#<target>#<jobId>
   */
  key: string;
  /**
   * the target's name: lower-case letters, digits and dashes (its secret is notify/<name> unless it names another)
   */
  target: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  /**
   * queued: waits for the target's next digest; sending: claimed by a delivery under way (since claimedAt); sent: delivered, never again
   */
  status: "queued" | "sending" | "sent";
  revision: number;
  score: number;
  scoredAt: string;
  /**
   * What a notification shows of the job (from job.scored).
   */
  job: {
    title: string;
    company: string;
    canonicalUrl: string;
    locations?: string[];
    remote?: boolean | null;
    /**
     * The reasons that raised the score most (a few).
     */
    reasons: string[];
  };
  /**
   * the target's name: lower-case letters, digits and dashes (its secret is notify/<name> unless it names another)
   */
  queuedFor?: string;
  via?: "instant" | "digest";
  claimedAt?: string;
  sentAt?: string;
  updatedAt: string;
}
/**
 * A target's token bucket: instant notifications left (up to maxPerHour) as of refilledAt, refilled continuously.
 */

export interface NotificationBucketItem {
  /**
   * bucket#<target>
   */
  key: string;
  /**
   * the target's name: lower-case letters, digits and dashes (its secret is notify/<name> unless it names another)
   */
  bucketOf: string;
  tokens: number;
  refilledAt: string;
  revision: number;
}
/**
 * A target's digest cursor: the last digest request it took, and whether that digest went out.
 */

export interface NotificationDigestItem {
  /**
   * digest#<target>
   */
  key: string;
  /**
   * the target's name: lower-case letters, digits and dashes (its secret is notify/<name> unless it names another)
   */
  digestOf: string;
  requestId: string;
  status: "sending" | "sent";
  revision: number;
  claimedAt: string;
  sentAt?: string;
  /**
   * Jobs in the digest.
   */
  jobs: number;
}
/**
 * How a target's last deliveries went (never its URL or address).
 */

export interface NotificationTargetStatusItem {
  /**
   * target#<target>
   */
  key: string;
  /**
   * the target's name: lower-case letters, digits and dashes (its secret is notify/<name> unless it names another)
   */
  statusOf: string;
  lastDeliveredAt: string | null;
  lastFailedAt: string | null;
  lastError: string | null;
  failuresInRow: number;
  /**
   * The last test notification the user asked for (notification.test-requested): whether it was delivered (if not, lastError says why) and when it was tried.
   */
  lastTest?: {
    requestId: string;
    delivered: boolean;
    at: string;
  };
  updatedAt: string;
}
/**
 * Whether a job's posting is closed, as the latest job.closed or job.reopened says (an older one changes nothing): a job.scored of a closed job notifies no target, and a digest leaves a closed job out (it stays queued, and is in the digest after it reopens).
 */

export interface NotificationClosureItem {
  /**
   * closure#<jobId>
   */
  key: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  /**
   * Set while the posting is closed; absent once it reopened.
   */
  closedAt?: string;
  /**
   * missing-from-complete-reads: two consecutive complete reads of every search that listed it went without it; expired: past the closing date its source gave (expiresAt); source-says-closed: the source marks it closed; user: the user closed it; left-out-of-full-import: an imported job a later full import (import.completed, mode full) did not hold.
   */
  closeReason?: "missing-from-complete-reads" | "expired" | "source-says-closed" | "user" | "left-out-of-full-import";
  /**
   * When the latest close or reopen kept here happened.
   */
  closureChangedAt: string;
}

/**
 * Events committed with the change they announce, waiting for the producer's relay to publish them (transactional outbox; written by the service runtime of each producer under its own partition).
 */

export interface OutboxEntry {
  producer: string;
  /**
   * Commit time, a per-process sequence and the first event's id, so entries sort in commit order.
   */
  entryId: string;
  /**
   * The bus events, built and validated at commit, as a JSON array.
   */
  events: string;
  storedAt: string;
}

/**
 * A change to the user's CRM proposed by their assistant (MCP) or the inbox, waiting for the user's decision (written by crm-api). An accepted stage change keeps the stage it left (`undoTo`), so it can be undone.
 */

export interface ProposalItem {
  proposalId: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  change:
    | {
        kind: "stage-change";
        to: "new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed";
        closedReason: ("rejected" | "withdrawn" | "expired" | "hired" | "not-interested") | null;
        note: string | null;
      }
    | {
        kind: "application";
        dryRun: boolean;
      }
    | {
        kind: "note";
        note: string;
      };
  proposedBy: "assistant" | "inbox";
  rationale: string | null;
  status: "pending" | "accepted" | "rejected" | "undone";
  createdAt: string;
  decidedAt: string | null;
  /**
   * The email.classified event a proposal of the inbox came from: the accepted change names it as its cause.
   */
  cause?: {
    /**
     * Unique id of this event; consumers dedupe on it.
     */
    eventId: string;
    /**
     * Carried unchanged from the first event of a flow.
     */
    correlationId: string;
    /**
     * The message's Message-ID header (or '<mailbox>/<uidvalidity>/<uid>' when it has none): the key of the message in the inbox's table.
     */
    messageId: string;
  };
  /**
   * Set when an accepted stage change can be undone: the stage the job left.
   */
  undoTo?: ("new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed") | null;
}

/**
 * crm-api's read side in the operational tables (the aws transport): one kind of item per key prefix: `job#<jobId>`, `posting#<jobId>`, `count#jobs`, `analytics#snapshot`.
 */

export type ReadModelItem = JobListingItem | PostingStateItem | JobCountItem | AnalyticsSnapshotItem;

export type Reasons = {
  kind:
    | "title"
    | "body"
    | "must-have"
    | "blocked"
    | "salary"
    | "location"
    | "remote"
    | "experience"
    | "seniority"
    | "model"
    | "fallback"
    | "stale"
    | "ghost-risk";
  text: string;
  points: number;
}[];
/**
 * the job's flags the user dismissed (kept from crm-api's own CRM record)
 */

export type Dismissals1 = FlagDismissal[];

/**
 * One scored job as GET /jobs lists it: the summary, its score reasons, and the index keys of the listing indexes (sort keys: the sort value encoded to sort as a string, then the job id).
 */

export interface JobListingItem {
  /**
   * job#<jobId>
   */
  key: string;
  /**
   * partition of the indexes over every job
   */
  listing: "jobs";
  stage: "new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed";
  /**
   * absent when the job has no track (not in byTrackScore)
   */
  track?: string;
  source:
    | "mcf"
    | "usajobs"
    | "greenhouse"
    | "lever"
    | "jsonld"
    | "import"
    | "workday"
    | "smartrecruiters"
    | "ashby"
    | "recruitee"
    | "workable"
    | "personio";
  /**
   * the company trimmed and lower-cased; absent when empty
   */
  companyKey?: string;
  scoreKey: string;
  postedKey: string;
  salaryKey: string;
  /**
   * the words of title, company and skills, space-separated, a space at each end
   */
  searchText: string;
  /**
   * raised by every write: writes are conditional on the revision read
   */
  revision: number;
  summary: {
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    contentHash: string;
    title: string;
    company: string;
    source:
      | "mcf"
      | "usajobs"
      | "greenhouse"
      | "lever"
      | "jsonld"
      | "import"
      | "workday"
      | "smartrecruiters"
      | "ashby"
      | "recruitee"
      | "workable"
      | "personio";
    url: string;
    locations: Locations;
    remote: boolean | null;
    score: number;
    track: string | null;
    trackScore: number;
    filteredBy: string | null;
    stage: "new" | "screened" | "shortlisted" | "applied" | "interviewing" | "offer" | "closed";
    annualSalaryMax: number | null;
    salaryCurrency: string | null;
    postedAt: string | null;
    scoredAt: string;
    skills: Skills;
    /**
     * when the posting closed (only on closed jobs)
     */
    closedAt?: string;
    /**
     * missing-from-complete-reads: two consecutive complete reads of every search that listed it went without it; expired: past the closing date its source gave (expiresAt); source-says-closed: the source marks it closed; user: the user closed it; left-out-of-full-import: an imported job a later full import (import.completed, mode full) did not hold.
     */
    closeReason?: "missing-from-complete-reads" | "expired" | "source-says-closed" | "user" | "left-out-of-full-import";
    /**
     * the ghost-risk criteria that fire for the job (only while one does), each dismissed one with when the user dismissed it
     */
    ghostFlags?: {
      /**
       * open-past-usual-close: up longer than 90 % of its source's closed postings were (60 days until the source has 20 closures; never under 30); relisted-repeatedly: listed three times or more under new ids; reposted-while-open: relisted under a new id while an earlier listing is still open; evergreen-no-salary: no salary and wording that collects applications (talent pool, always looking, future opportunities).
       */
      kind: "open-past-usual-close" | "relisted-repeatedly" | "reposted-while-open" | "evergreen-no-salary";
      /**
       * The figures that made it fire, in words.
       */
      detail: string;
      /**
       * When the criterion first fired.
       */
      since: string;
      /**
       * when the user dismissed the flag (crm.flag-dismissals-changed)
       */
      dismissedAt?: string;
    }[];
    /**
     * When the job was first seen (a relisting: its first listing); its age counts from here.
     */
    firstSeenAt?: string;
    /**
     * The job this posting duplicates (the parser's dedupe link, job.parsed duplicateOf): every posting of one job names the same canonical job, which itself carries none. Absent on a job without copies, and on scores before the field existed.
     */
    canonicalJobId?: string;
  };
  reasons: Reasons;
  /**
   * the canonical job id of the job's duplicate group (index byGroup), only on a job known to have duplicates or to be one; absent on a job alone
   */
  groupKey?: string;
  /**
   * when the posting last closed or reopened (job.closed / job.reopened); an older change delivered late is ignored
   */
  closureChangedAt?: string;
  /**
   * when the job's ghost-risk flags were last decided (job.flagged); an older set delivered late is ignored
   */
  flagsChangedAt?: string;
  flagDismissals?: Dismissals;
  /**
   * the CRM record version the dismissals are of; an older one delivered late is ignored
   */
  dismissalsVersion?: number;
}

export interface PostingStateItem {
  /**
   * posting#<jobId>
   */
  key: string;
  /**
   * raised by every write: writes are conditional on the revision read
   */
  revision: number;
  /**
   * the posting's close, or null once it reopened
   */
  closure?: null | {
    closedAt: string;
    /**
     * missing-from-complete-reads: two consecutive complete reads of every search that listed it went without it; expired: past the closing date its source gave (expiresAt); source-says-closed: the source marks it closed; user: the user closed it; left-out-of-full-import: an imported job a later full import (import.completed, mode full) did not hold.
     */
    closeReason: "missing-from-complete-reads" | "expired" | "source-says-closed" | "user" | "left-out-of-full-import";
  };
  closureChangedAt?: string;
  ghostFlags?: Flags;
  flagsChangedAt?: string;
  flagDismissals?: Dismissals1;
  /**
   * the CRM record version the dismissals are of; an older one delivered late is ignored
   */
  dismissalsVersion?: number;
  /**
   * another posting named this job as its canonical job before this one was scored: its first listing item joins the group (groupKey)
   */
  hasDuplicates?: true;
}

export interface JobCountItem {
  key: "count#jobs";
  jobs: number;
  revision: number;
}
/**
 * The newest analytics snapshot etl announced (etl.completed): every crm-api instance loads it from the blob store.
 */

export interface AnalyticsSnapshotItem {
  key: "analytics#snapshot";
  snapshotBlobKey: string;
  completedAt: string;
  requestId: string;
}

/**
 * The recommender's state, one kind of item per partition key: `posting`/<jobId>, `decision`/<jobId>, `model`/`current`, `model`/`pending`, `config`/`current`, `closure`/<jobId>.
 */

export type RecommenderStateItem =
  PostingFeaturesItem | DecisionItem | ModelItem | PendingDecisionsItem | ReceivedConfigItem | EarlyClosureItem;
/**
 * Every criterion that fires now (empty: none does any more).
 */

export interface PostingFeaturesItem {
  key: "posting";
  /**
   * Stable job id: '<source>:<external id>'.
   */
  sort: string;
  features: {
    v: 1;
    /**
     * Stable job id: '<source>:<external id>'.
     */
    jobId: string;
    contentHash: string;
    /**
     * Stems and bigrams with counts, as stored.
     */
    titleStems: string;
    /**
     * Stems and bigrams with counts, as stored.
     */
    bodyStems: string;
    wordOfStem: {
      [k: string]: string | undefined;
    };
    titleText: string;
    salary: {
      annualMin: number | null;
      annualMax: number | null;
      currency: string;
    } | null;
    salaryDate: string;
    locations: string[];
    remote: boolean | null;
    experience: {
      min: number | null;
      max: number | null;
    } | null;
    seniority: string | null;
  };
  summary: Job;
  /**
   * What the penalties and the closing of recommendations read: first sighting (job.parsed), the posting's close (job.closed / job.reopened) and its ghost-risk flags (job.flagged), each with when it was decided so a late older event changes nothing.
   */
  lifecycle?: {
    firstSeenAt?: string;
    closedAt?: string;
    closureChangedAt?: string;
    ghostFlags?: Flags;
    flagsChangedAt?: string;
    flagDismissals?: Dismissals;
    dismissalsChangedAt?: string;
  };
  /**
   * Bumped on every write of the posting, so handlers racing on one job (job.parsed, job.closed, job.flagged) write on what they read or read again (absent on postings written before it existed).
   */
  revision?: number;
}
/**
 * The job summary that job.scored carries.
 */

export interface Job {
  title: string;
  company: string;
  canonicalUrl: string;
  source:
    | "mcf"
    | "usajobs"
    | "greenhouse"
    | "lever"
    | "jsonld"
    | "import"
    | "workday"
    | "smartrecruiters"
    | "ashby"
    | "recruitee"
    | "workable"
    | "personio";
  locations?: string[];
  remote?: boolean | null;
  annualSalaryMax?: number | null;
  salaryCurrency?: string | null;
  postedAt?: string | null;
  skills?: string[];
  /**
   * When the job was first seen (a relisting: its first listing); its age counts from here.
   */
  firstSeenAt?: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  canonicalJobId?: string;
}

export interface DecisionItem {
  key: "decision";
  /**
   * Stable job id: '<source>:<external id>'.
   */
  sort: string;
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  label: 0 | 1 | null;
  changedAt: string;
  eventId: string;
}
/**
 * The model in use.
 */

export interface ModelItem {
  key: "model";
  sort: "current";
  version: string;
  blobKey: string;
  examples: number;
  positives: number;
  negatives: number;
  trainedAt: string;
}
/**
 * Decisions not yet used for training.
 */

export interface PendingDecisionsItem {
  key: "model";
  sort: "pending";
  newDecisions: number;
  lastDecisionAt: string | null;
  revision: number;
}
/**
 * The last config received with config.changed.
 */

export interface ReceivedConfigItem {
  key: "config";
  sort: "current";
  version: number;
  config: JobpipeConfig;
}

export interface EarlyClosureItem {
  key: "closure";
  /**
   * Stable job id: '<source>:<external id>'.
   */
  sort: string;
  /**
   * Set while closed; absent once reopened.
   */
  closedAt?: string;
  /**
   * When the latest close or reopen kept here happened (an older one changes nothing).
   */
  closureChangedAt: string;
}

/**
 * @maxItems 50
 */

export interface ScoreItem {
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  contentHash: string;
  score: number;
  track: string | null;
  trackScore: number;
  modelProbability: number | null;
  modelVersion: string | null;
  filteredBy: string | null;
  reasons: Reasons;
  scoredAt: string;
  /**
   * Hash of job id, content hash, scoring config and model version: equal means nothing to redo.
   */
  inputsKey: string;
  /**
   * Hash of the result fields: equal means a rescore changed nothing worth an event.
   */
  resultDigest: string;
  configVersion: number;
  /**
   * False while the job.scored of this record is being published.
   */
  published: boolean;
  claimId: string;
  claimedAt: string;
}

/**
 * The scraper's bookkeeping, one kind of item per key prefix: `posting#<source>#<externalId>`, `http#<url>`, `run#<searchId>#<runId>`, `search#<searchId>`.
 */

export type ScrapeStateItem = PostingStateItem | UrlValidatorsItem | RunItem | SearchStateItem;
/**
 * Per board (greenhouse boards, lever companies) of the search.
 *
 * @maxItems 500
 */

export type Boards = {
  board: string;
  /**
   * failed: the board's list could not be read.
   */
  status: "complete" | "failed";
  listed: number;
  /**
   * The board listed nothing where its previous read listed postings.
   */
  drift: boolean;
}[];

/**
 * The hash and blob of the content of a posting last announced.
 */

export interface UrlValidatorsItem {
  /**
   * http#<url>
   */
  key: string;
  etag?: string;
  lastModified?: string;
  itemCount?: number;
  /**
   * The external ids the list held (lists kept since coverage).
   */
  itemIds?: string[];
}
/**
 * One run of one search.
 */

export interface RunItem {
  /**
   * run#<searchId>#<runId>
   */
  key: string;
  runId: string;
  searchId: string;
  source:
    | "mcf"
    | "usajobs"
    | "greenhouse"
    | "lever"
    | "jsonld"
    | "import"
    | "workday"
    | "smartrecruiters"
    | "ashby"
    | "recruitee"
    | "workable"
    | "personio";
  /**
   * running, then how much of the search the run read (scrape.finished's status); `completed` in runs recorded before coverage.
   */
  status: "running" | "complete" | "partial" | "failed" | "completed";
  counts: {
    found: number;
    published: number;
    unchanged: number;
    notModified: number;
    failed: number;
  };
  /**
   * @maxItems 50
   */
  errors: string[];
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  drift?: boolean;
  coverage?: Coverage;
  boards?: Boards;
}

export interface Coverage {
  /**
   * The number of matches the source itself reports for the search, where it reports one.
   */
  reportedTotal?: number;
  /**
   * Postings the listing pages named (a list answered 304 counts the postings it held last time).
   */
  listed: number;
  /**
   * Postings read whole: published, unchanged or not modified.
   */
  fetched: number;
  /**
   * New or changed postings announced with job.scraped.
   */
  published: number;
  unchanged: number;
  notModified: number;
  /**
   * Postings (or boards) that could not be read after retries, or were refused.
   */
  postingsFailed: number;
  /**
   * Listing pages that could not be read.
   */
  pagesFailed: number;
  /**
   * The source lists no more than a fixed number of results and the search reached it.
   */
  capped: boolean;
  /**
   * Reading stopped at the page limit (maxPages) while the source had more pages.
   */
  truncated: boolean;
}
/**
 * The last finished run of one search, to tell drift from a quiet day.
 */

export interface SearchStateItem {
  /**
   * search#<searchId>
   */
  key: string;
  searchId: string;
  source:
    | "mcf"
    | "usajobs"
    | "greenhouse"
    | "lever"
    | "jsonld"
    | "import"
    | "workday"
    | "smartrecruiters"
    | "ashby"
    | "recruitee"
    | "workable"
    | "personio";
  lastRunId: string;
  lastFound: number;
  lastFinishedAt: string;
  /**
   * Postings each board listed in the last run that read it.
   */
  lastBoardsListed?: {
    [k: string]: number | undefined;
  };
}

/**
 * A site's session status (written by auth-refresher; never the cookie: that is in the secret store).
 */

export interface SessionItem {
  site: string;
  status: "ok" | "needs-otp" | "failed" | "blocked";
  expiresAt: string | null;
  failures: number;
  lastError: string | null;
  reason:
    | (
        | "otp-required"
        | "wrong-credentials"
        | "login-page-changed"
        | "timeout"
        | "site-error"
        | "too-many-failures"
        | "missing-credentials"
        | "site-not-configured"
      )
    | null;
  nextAttemptAt: string | null;
  screenshotBlobKey: string | null;
  updatedAt: string;
}

/**
 * The sheets bridge's record of its last sync with the connected spreadsheet (written by sheets-bridge after every sync; crm-api reads it for GET /sheets/connection). Never a key or token: the error is in words, with anything secret-looking removed.
 */

export interface SheetsSyncStatusItem {
  /**
   * the one item: the last sync
   */
  key: "sync#last";
  /**
   * the spreadsheet the sync was with
   */
  spreadsheetId: string;
  /**
   * when the last sync ended
   */
  syncedAt: string;
  outcome: "ok" | "failed";
  /**
   * rows the last sync rewrote or appended (0 when it failed)
   */
  rowsWritten: number;
  /**
   * stage edits the last sync read from the sheet and sent to the CRM
   */
  editsRead: number;
  /**
   * why the last sync failed, in words (null when it did not)
   */
  error: string | null;
  /**
   * when a sync last succeeded (null: never)
   */
  lastSucceededAt: string | null;
  failuresInRow: number;
}

/**
 * Per board (greenhouse boards, lever companies) of the search.
 *
 * @maxItems 500
 */

export interface SourceRunItem {
  /**
   * <searchId>#<runId>
   */
  runKey: string;
  /**
   * One partition of the byFinishedAt index: every run, newest first.
   */
  feed: "run";
  searchId: string;
  source:
    | "mcf"
    | "usajobs"
    | "greenhouse"
    | "lever"
    | "jsonld"
    | "workday"
    | "smartrecruiters"
    | "ashby"
    | "recruitee"
    | "workable"
    | "personio";
  runId: string;
  /**
   * complete: every page and posting was read and nothing was capped or truncated; partial: the run got through but missed some (failed postings or pages, a cap, truncation, fewer than the source reported); failed: the search itself could not be read.
   */
  status: "complete" | "partial" | "failed";
  coverage: Coverage;
  boards?: Boards;
  /**
   * Source drift: the search (or one of its boards) listed nothing where the previous run listed many: a changed API or page, or a block, rather than no jobs.
   */
  drift: boolean;
  /**
   * Postings the previous finished run of the search listed.
   */
  previousListed?: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** The item type of each table (`schemas/tables/<table>/schema.json`). */
export interface TableItemMap {
  apiKeys: ApiKeyItem;
  applications: ApplicationItem;
  applierState: ApplierStateItem;
  config: ConfigItem;
  crm: CrmItem;
  crmHistory: CrmHistoryItem;
  idempotencyKeys: IdempotencyKeyItem;
  imports: ImportItem;
  inbox: InboxItem;
  jobs: JobItem;
  notifications: NotificationsItem;
  outbox: OutboxEntry;
  proposals: ProposalItem;
  readModel: ReadModelItem;
  recommenderState: RecommenderStateItem;
  scores: ScoreItem;
  scrapeState: ScrapeStateItem;
  sessions: SessionItem;
  sheetsState: SheetsSyncStatusItem;
  sourceRuns: SourceRunItem;
}
