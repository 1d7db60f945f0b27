/** A saved answer to a screening question. */
export interface SavedAnswer {
  readonly question: string;
  readonly answer: string;
}

/** What the applier fills forms with. */
export interface ApplicantProfile {
  /** Values by name (`firstName`, `email`, `country`, ...), matched to form controls by each site's mapping. */
  readonly fields: Readonly<Record<string, string>>;
  /** Blob key of the resume file to upload. */
  readonly resumeBlobKey: string;
  /** File name the site sees (defaults to the last part of the blob key). */
  readonly resumeFileName: string;
  /** The answer bank: questions the user has answered before. */
  readonly answers: readonly SavedAnswer[];
}

/**
 * Reads a profile from the config's `profile` object: `resumeBlobKey`, optional `resumeFileName`,
 * `answers` (a list of `{ question, answer }`), and every other string value as a field.
 */
export function parseProfile(raw: unknown): ApplicantProfile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('the profile must be an object');
  const { resumeBlobKey, resumeFileName, answers, ...rest } = raw as Record<string, unknown>;
  if (typeof resumeBlobKey !== 'string' || resumeBlobKey === '') throw new Error('the profile has no resumeBlobKey');
  const bank = answers ?? [];
  if (!Array.isArray(bank)) throw new Error('profile.answers must be a list of { question, answer }');
  const saved = bank.map((entry, i) => {
    const { question, answer } = (entry ?? {}) as Record<string, unknown>;
    if (typeof question !== 'string' || typeof answer !== 'string') throw new Error(`profile.answers[${i}] needs a question and an answer`);
    return { question, answer };
  });
  const fields = Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return {
    fields,
    resumeBlobKey,
    resumeFileName:
      typeof resumeFileName === 'string' && resumeFileName !== '' ? resumeFileName : (resumeBlobKey.split('/').at(-1) ?? 'resume'),
    answers: saved,
  };
}

/** A question reduced to its words, so spacing, case and punctuation do not matter. */
export function questionKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The saved answer to exactly this question, or undefined: an unknown question is never guessed. */
export function findAnswer(bank: readonly SavedAnswer[], question: string): string | undefined {
  const key = questionKey(question);
  return key === '' ? undefined : bank.find((saved) => questionKey(saved.question) === key)?.answer;
}
