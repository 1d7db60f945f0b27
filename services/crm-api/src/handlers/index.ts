import { defineHandlers } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { handleApplicationFailed, handleApplicationSubmitted } from './application-results.js';
import { handleEmailClassified } from './email-classified.js';
import { handleEtlCompleted } from './etl-completed.js';
import { handleImportChunkLoaded } from './import-chunk-loaded.js';
import { handleJobScored } from './job-scored.js';
import { handleJobClosed, handleJobFlagged, handleJobReopened } from './posting-lifecycle.js';
import { handleScrapeFinished } from './scrape-finished.js';
import { handleSessionRefreshed } from './session-refreshed.js';
import { handleStageChangedInSheet } from './stage-changed-in-sheet.js';
import { handleWipeCompleted, handleWipeRequested } from './wipe.js';

/** The handler table of crm-api's queue. */
export function createCrmApiHandlers(context: CrmApiContext) {
  return defineHandlers({
    // v1 and v2 while the recommender's v2 rolls out: v2 only adds penalty reason kinds, so one handler reads both.
    'job.scored@1': handleJobScored(context),
    'job.scored@2': handleJobScored(context),
    'application.submitted@1': handleApplicationSubmitted(context),
    'application.failed@1': handleApplicationFailed(context),
    'session.refreshed@1': handleSessionRefreshed(context),
    'etl.completed@1': handleEtlCompleted(context),
    'crm.stage-changed@1': handleStageChangedInSheet(context),
    'import.chunk-loaded@1': handleImportChunkLoaded(context),
    'email.classified@1': handleEmailClassified(context),
    'scrape.finished@1': handleScrapeFinished(context),
    'job.closed@1': handleJobClosed(context),
    'job.reopened@1': handleJobReopened(context),
    'job.flagged@1': handleJobFlagged(context),
    'wipe.requested@1': handleWipeRequested(context),
    'wipe.completed@1': handleWipeCompleted(context),
  });
}
