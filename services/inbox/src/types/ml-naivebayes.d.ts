/**
 * What the inbox uses of ml-naivebayes 4, which ships no types: training a MultinomialNB and reading the
 * trained log-probabilities back (`toJSON`). Prediction is a sparse sum over those (see classifier.ts).
 */
declare module 'ml-naivebayes' {
  /** The ml-matrix Matrix of a trained parameter, read as rows. */
  interface TrainedMatrix {
    to2DArray(): number[][];
  }

  /** MultinomialNB over count rows; labels are class numbers 0..n-1, every one present. */
  export class MultinomialNB {
    train(rows: ReadonlyArray<ArrayLike<number>>, labels: readonly number[]): void;
    /** Natural logs: one prior row per class, and per class one likelihood per column (add-one smoothed). */
    toJSON(): { readonly priorProbability: TrainedMatrix; readonly conditionalProbability: TrainedMatrix };
  }
}
