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
    source: "mcf" | "usajobs" | "greenhouse" | "lever" | "jsonld";
    keywords?: string;
    location?: string;
    minSalary?: number;
    boards?: string[];
    urls?: string[];
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
  [k: string]: unknown | undefined;
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

export interface NormalizedJob {
  /**
   * Stable job id: '<source>:<external id>'.
   */
  jobId: string;
  source: "mcf" | "usajobs" | "greenhouse" | "lever" | "jsonld" | "import";
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
      "tracks" | "searches" | "scoring" | "currencyRates" | "profile",
      ...("tracks" | "searches" | "scoring" | "currencyRates" | "profile")[]
    ];
    config: JobpipeConfig;
  };
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
      source: "mcf" | "usajobs" | "greenhouse" | "lever" | "jsonld" | "import";
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
 * One raw posting body was fetched and stored (claim check: the body is in the blob store).
 */

export interface JobScrapedV1 {
  meta: EventMeta;
  data: {
    source: "mcf" | "usajobs" | "greenhouse" | "lever" | "jsonld";
    externalId: string;
    url: string;
    blobKey: string;
    contentHash: string;
    contentType: "application/json" | "text/html";
    byteLength: number;
    fetchedAt: string;
    searchId?: string;
    runId?: string;
  };
}

/**
 * Ask the scraper to run one search now.
 */

export interface ScrapeRequestedV1 {
  meta: EventMeta;
  data: {
    searchId: string;
    source: "mcf" | "usajobs" | "greenhouse" | "lever" | "jsonld";
    runId: string;
    keywords?: string;
    location?: string;
    minSalary?: number;
    boards?: string[];
    urls?: string[];
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
    reason: "missing" | "expired" | "rejected" | "scheduled";
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

/** The data of the newest major version of each detail-type. */
export interface EventDataMap {
  'application.failed': ApplicationFailedV1['data'];
  'application.requested': ApplicationRequestedV1['data'];
  'application.submitted': ApplicationSubmittedV1['data'];
  'config.changed': ConfigChangedV1['data'];
  'crm.stage-changed': CrmStageChangedV1['data'];
  'etl.completed': EtlCompletedV1['data'];
  'etl.requested': EtlRequestedV1['data'];
  'import.chunk': ImportChunkV1['data'];
  'job.parsed': JobParsedV1['data'];
  'job.scored': JobScoredV1['data'];
  'job.scraped': JobScrapedV1['data'];
  'scrape.requested': ScrapeRequestedV1['data'];
  'session.refresh-requested': SessionRefreshRequestedV1['data'];
  'session.refreshed': SessionRefreshedV1['data'];
}
