/**
 * @jobpipe/inbox — watches the user's mailboxes (IMAP IDLE, those that opted in), classifies each message
 * (application received, rejection, interview invitation, assessment, recruiter outreach, other) with a
 * rule and a naive Bayes model trained on the project's labelled set, matches it to an application, keeps
 * the message in its own table and publishes `email.classified` (never the body).
 */

export { createWatchers, type InboxPorts, inboxService, mailboxReader, trainedEmailModel } from './app.js';
export { INBOX_ENV_SCHEMA, type InboxConfig, readInboxConfig, type WatchedMailbox } from './config.js';
export { classifyEmail, type EmailClassification } from './domain/classify-email.js';
export { EMAIL_CLASSES, type EmailClass, type EmailContent } from './domain/email.js';
export { type EmailModel, type LabelledEmail, loadEmailModel, trainEmailModel } from './domain/email-model.js';
export { type ClassScore, crossValidateInbox, type InboxEvaluation } from './evaluation/cross-validation.js';
export { type LabelledMessage, readLabelledSet } from './evaluation/labelled-set.js';
export { forgetMessages } from './use-cases/forget-messages.js';
