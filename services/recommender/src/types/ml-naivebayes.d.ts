/**
 * The part of ml-naivebayes 4 jobpipe uses (the package ships no types). Only MultinomialNB: GaussianNB
 * in this version reads just the first two features (see STACK-NOTES.md).
 */
declare module 'ml-naivebayes' {
  /** An ml-matrix Matrix, as far as the recommender reads one. */
  interface NaiveBayesMatrix {
    readonly rows: number;
    readonly columns: number;
    to2DArray(): number[][];
  }

  /** The trained parameters as `toJSON` returns them: natural logs of class priors and word likelihoods. */
  interface MultinomialNBModel {
    readonly name: 'MultinomialNB';
    /** One row per class: log P(class). */
    readonly priorProbability: NaiveBayesMatrix;
    /** One row per class, one column per feature: log P(feature | class) with add-one smoothing. */
    readonly conditionalProbability: NaiveBayesMatrix;
  }

  /** Multinomial naive Bayes over count features; labels are class numbers 0..n-1, each present. */
  export class MultinomialNB {
    constructor(model?: MultinomialNBModel);
    train(trainingSet: ReadonlyArray<ArrayLike<number>>, trainingLabels: readonly number[]): void;
    /** The most likely class of each row (not a probability). */
    predict(dataset: ReadonlyArray<ArrayLike<number>>): number[];
    toJSON(): MultinomialNBModel;
    static load(model: MultinomialNBModel): MultinomialNB;
  }
}
