/** One skill of the vocabulary: its canonical name, its category and the spellings that find it. */
export interface SkillEntry {
  readonly name: string;
  /** The vocabulary file it comes from: software, data, healthcare, legal, trades… */
  readonly category?: string;
  /** Other spellings, found in any case. */
  readonly aliases?: readonly string[];
  /** Spellings found only in exactly this case ("JS", "Spark"). */
  readonly caseSensitive?: readonly string[];
  /**
   * Spellings found only in exactly this case and only near another skill found in the text, for names
   * that are ordinary words on their own ("spark", "Word", "Access", "Teams").
   */
  readonly nearby?: readonly string[];
  /** False for names that are also common English words ("Go", "Spring"): only the other spellings are searched. */
  readonly matchName?: boolean;
}

/** A vocabulary line that cannot be read, with where it is. */
export class VocabularyError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'VocabularyError';
  }
}

const FLAGS = new Set(['alias-only']);

const spellings = (column: string | undefined) =>
  (column ?? '')
    .split(';')
    .map((spelling) => spelling.trim())
    .filter((spelling) => spelling.length > 0);

/**
 * Reads one vocabulary file (see vocabulary/README.md): one skill a line, tab-separated columns
 * `name  aliases  exact  nearby  flags`, lists within a column separated by `;`, trailing empty columns
 * left out, `#` lines and blank lines ignored. Throws a VocabularyError naming the line when one is malformed.
 */
export function readVocabularyFile(file: string, category: string, content: string): SkillEntry[] {
  const entries: SkillEntry[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const columns = line.split('\t');
    if (columns.length > 5) throw new VocabularyError(file, index + 1, `has ${columns.length} columns, at most 5`);
    const [name, aliases, exact, nearby, flags] = columns.map((column) => column.trim());
    if (!name) throw new VocabularyError(file, index + 1, 'has no name in its first column');
    const flagList = spellings(flags?.replaceAll(',', ';'));
    const unknown = flagList.filter((flag) => !FLAGS.has(flag));
    if (unknown.length > 0) throw new VocabularyError(file, index + 1, `unknown flag(s) ${unknown.join(', ')}`);
    const entry: SkillEntry = {
      name,
      category,
      ...(spellings(aliases).length > 0 ? { aliases: spellings(aliases) } : {}),
      ...(spellings(exact).length > 0 ? { caseSensitive: spellings(exact) } : {}),
      ...(spellings(nearby).length > 0 ? { nearby: spellings(nearby) } : {}),
      ...(flagList.includes('alias-only') ? { matchName: false } : {}),
    };
    if (entry.matchName === false && !entry.aliases && !entry.caseSensitive && !entry.nearby) {
      throw new VocabularyError(file, index + 1, `'${name}' is alias-only but has no other spelling`);
    }
    entries.push(entry);
  });
  return entries;
}

/**
 * Joins the categories' entries into one vocabulary, refusing a name listed twice or a spelling that
 * would find two different skills (in the same case mode).
 */
export function joinVocabulary(files: readonly { file: string; entries: readonly SkillEntry[] }[]): SkillEntry[] {
  const names = new Map<string, string>();
  const anyCase = new Map<string, string>();
  const exactCase = new Map<string, string>();
  const problems: string[] = [];
  const claim = (table: Map<string, string>, spelling: string, name: string, file: string) => {
    const owner = table.get(spelling);
    if (owner !== undefined && owner !== name) problems.push(`${file}: spelling '${spelling}' of '${name}' already finds '${owner}'`);
    else table.set(spelling, name);
  };
  for (const { file, entries } of files) {
    for (const entry of entries) {
      const key = entry.name.toLowerCase();
      if (names.has(key)) problems.push(`${file}: '${entry.name}' is already listed in ${names.get(key)}`);
      names.set(key, file);
      const searched = entry.matchName === false ? (entry.aliases ?? []) : [entry.name, ...(entry.aliases ?? [])];
      for (const spelling of searched) claim(anyCase, spelling.toLowerCase(), entry.name, file);
      for (const spelling of [...(entry.caseSensitive ?? []), ...(entry.nearby ?? [])]) claim(exactCase, spelling, entry.name, file);
    }
  }
  if (problems.length > 0) throw new Error(`vocabulary conflicts:\n${problems.join('\n')}`);
  return files.flatMap((file) => file.entries);
}
