/** An environment as `process.env` gives it (tests and the CLI pass their own). */
export type Environment = Readonly<Record<string, string | undefined>>;
