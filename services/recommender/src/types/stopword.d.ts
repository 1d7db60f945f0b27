/** The part of stopword 3 jobpipe uses (the package ships no types). */
declare module 'stopword' {
  /** English stop words. */
  export const eng: readonly string[];
  /** The tokens that are not stop words (English by default). */
  export function removeStopwords(tokens: readonly string[], stopwords?: readonly string[]): string[];
}
