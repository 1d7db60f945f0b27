/**
 * @jobpipe/contracts — what travels between jobpipe services: JSON schemas (the source of truth),
 * types generated from them, validators precompiled from them, and the topology.
 */

export * from './asyncapi.js';
export * from './compatibility.js';
export type * from './contract-validator.js';
export * from './currency-rates.js';
export * from './dereference.js';
export * from './envelope.js';
export type * from './generated/types.js';
export * from './generated/vocabulary.js';
export * from './page-identity.js';
export * from './schema-catalog.js';
export * from './schema-files.js';
export * from './secret-names.js';
export * from './tables.js';
export * from './topology.js';
export * from './validators.js';
export * from './vocabulary/job-id.js';
