/**
 * `@jobpipe/test-kit/corpus`: seeded job postings in the sources' real formats, a small normalizer to
 * `NormalizedJob`, and the persona whose decisions label them — the recommender's evaluation corpus, used by
 * its tests and by the bench.
 */
export { generatePostings, type RawPosting, seededRandom } from './generator.js';
export { normalize } from './normalize.js';
export { mayaConfig, mayaWants } from './persona.js';
