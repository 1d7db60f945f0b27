import type { RawFormat } from '../domain/detect-format.js';

/** Expected years of experience: [min, max] (either may be null), or null for "the text asks for none". */
export type ExpectedYears = [min: number | null, max: number | null] | null;

/** What a person reads in a piece of posting text; only the fields given are judged. */
export interface ExpectedFields {
  /** Every skill a person would name (canonical names of the vocabulary, or the person's own words). */
  readonly skills?: readonly string[];
  /** The skills the text asks for (a subset of `skills`). */
  readonly required?: readonly string[];
  readonly experience?: ExpectedYears;
  /** full-time, part-time, contract, temporary, internship, volunteer, other, or null. */
  readonly employmentType?: string | null;
  /** Why a judgement call was made. */
  readonly why?: string;
}

/** A snippet of a posting's description, with what a person reads in it. */
export interface CorpusSnippet extends ExpectedFields {
  readonly id: string;
  readonly text: string;
}

/** A whole posting in one source's shape (rendered by corpus-bodies.ts), with what a person reads in it. */
export interface CorpusPosting {
  readonly id: string;
  readonly source: RawFormat;
  readonly title: string;
  readonly company: string;
  /** The description as the source sends it (HTML for most, plain text for USAJOBS sections). */
  readonly description: string;
  /** The source's own skill tags (MCF, JSON-LD `skills`). */
  readonly tags?: readonly string[];
  /** The source's structured employment type words. */
  readonly employmentTypes?: readonly string[];
  /** USAJOBS only: the qualifications section. */
  readonly qualifications?: string;
  readonly expected: ExpectedFields;
}

/** A labelled corpus: snippets and whole postings, by field of work. */
export interface ExtractionCorpus {
  readonly snippets: readonly (CorpusSnippet & { readonly field: string })[];
  readonly postings: readonly (CorpusPosting & { readonly field: string })[];
}
