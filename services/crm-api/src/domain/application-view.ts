import type { ApplicationItem } from '@jobpipe/contracts';

/**
 * An application as crm-api keeps it in its `applications` table and the API shows it: the user's
 * request, and the outcome crm-api learns from `application.submitted` / `application.failed`. The
 * applier keeps its own progress (session waits, submit intent) in its own table.
 */
export type ApplicationRecord = ApplicationItem;

/** Where an application stands, as the API reports it. */
export type ApplicationStatus = ApplicationItem['status'];

/** Every status the API reports, in the order an application moves through them. */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['requested', 'submitted', 'failed'];
