/**
 * @jobpipe/parser — turns raw postings into normalized jobs: one extractor per source (MyCareersFuture,
 * USAJOBS, Greenhouse, Lever) plus schema.org JobPosting JSON-LD, normalization (salary, skills,
 * experience, dates, sanitized description, provenance), idempotent upserts with duplicate linking.
 */

export { JobsRepository } from './adapters/jobs-repository.js';
export { createParserHandlers, type ParserHandlerConfig, type ParserPorts, parserService } from './app.js';
export { defaultParserConfig, type ParserConfig, readParserConfig } from './config.js';
export { htmlToText, sanitizeDescription, sanitizedHtmlToText } from './domain/description.js';
export { RAW_FORMATS, type RawFormat } from './domain/detect-format.js';
export { experienceFromText } from './domain/experience.js';
export type { ParserSourceModule } from './domain/extractors/parser-source.js';
export { PARSER_SOURCES } from './domain/extractors/registry.js';
export type { FieldChangeCount, FieldChangeExample } from './domain/field-change-tally.js';
export { type JobLifecycle, type LifecycleChange, lifecycleAfterRun, MISSES_TO_CLOSE, type RunSighting } from './domain/lifecycle.js';
export type { ParsedPosting } from './domain/normalize.js';
export { DEFAULT_MAX_BODY_BYTES, type ParseResult, parseRawBody, type RawBodyInput } from './domain/parse-raw-body.js';
export { PostingRejected, type RejectionCode } from './domain/rejection.js';
export { salaryFromText } from './domain/salary-text.js';
export type { CorpusPosting, CorpusSnippet, ExtractionCorpus } from './evaluation/corpus.js';
export { readExtractionBaseline, readExtractionCorpus } from './evaluation/corpus-files.js';
export { type ExtractionReport, evaluateExtraction, type FieldScore } from './evaluation/extraction-eval.js';
export { type SweepOutcome, sweepAfterRun } from './handlers/scrape-finished.js';
export { type ReparseOptions, type ReparseReport, reparseStoredBodies } from './reparse.js';
