/**
 * @jobpipe/shared — how things travel and are stored: ports, the embedded adapters, and the service
 * runtime. AWS adapters live behind `@jobpipe/shared/aws` so the embedded runtime never loads the SDK.
 */

export * from './analytics/analytics-schema.js';
export * from './blobs/raw-blob-key.js';
export * from './embedded/embedded-blob-store.js';
export * from './embedded/embedded-ports.js';
export * from './embedded/embedded-publisher.js';
export * from './embedded/encrypted-secret-store.js';
export * from './embedded/folder-blob-store.js';
export * from './embedded/sqlite.js';
export * from './embedded/sqlite-blob-table.js';
export * from './embedded/sqlite-bus.js';
export * from './embedded/sqlite-table-store.js';
export * from './embedded/statement-cache.js';
export * from './errors.js';
export * from './net/url-safety.js';
export * from './outbox/bus-sender.js';
export * from './outbox/outbox-entries.js';
export * from './outbox/outbox-publisher.js';
export * from './outbox/outbox-relay.js';
export * from './outbox/table-outbox.js';
export * from './ports/blobs.js';
export * from './ports/clock.js';
export * from './ports/events.js';
export * from './ports/logger.js';
export * from './ports/outbox.js';
export * from './ports/secrets.js';
export * from './ports/tables.js';
export * from './runtime/configured-sites.js';
export * from './runtime/create-runtime-ports.js';
export * from './runtime/define-service.js';
export * from './runtime/env-config.js';
export * from './runtime/environment.js';
export * from './runtime/event-factory.js';
export * from './runtime/gathering-turn.js';
export * from './runtime/handlers.js';
export * from './runtime/health-server.js';
export * from './runtime/logger.js';
export * from './runtime/message-processor.js';
export * from './runtime/metrics.js';
export * from './runtime/queue-runner.js';
export * from './runtime/runtime-config.js';
export * from './runtime/runtime-ports.js';
export * from './runtime/service.js';
export * from './runtime/service-queue-runner.js';
export * from './runtime/site-secret-names.js';
export * from './runtime/sites-document.js';
export * from './scheduling/scheduled-requests.js';
export * from './tables/async-items.js';
export * from './tables/conditions.js';
export * from './tables/delete-items.js';
export * from './tables/typed-tables.js';
export * from './tables/validating-item-store.js';
export * from './wipe/wipe-handler.js';
