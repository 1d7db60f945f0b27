/** A trie node: children by character code, and the value of the spelling that ends here. */
interface TrieNode {
  readonly children: Map<number, TrieNode>;
  value: string | undefined;
}

/** Where a spelling found at a position ends, and the value stored for it. */
export interface SpellingMatch {
  readonly end: number;
  readonly value: string;
}

const newNode = (): TrieNode => ({ children: new Map(), value: undefined });

const UPPER_A = 0x41;
const UPPER_Z = 0x5a;

/** A character code in lower case, for ASCII letters only (as a non-Unicode `/i` regex folds spellings that are ASCII). */
const asciiLower = (code: number) => (code >= UPPER_A && code <= UPPER_Z ? code + 0x20 : code);

/**
 * Spellings in a character trie, for finding at a text position the longest one that fits, in one walk
 * instead of one regex per spelling. Case-insensitive tries fold ASCII letters (spellings are stored as
 * given, so they should be lower case); case-sensitive ones compare exactly.
 */
export class SpellingTrie {
  private readonly root = newNode();
  /** 1 for each ASCII code some spelling starts with (both cases when folding). */
  private readonly firstCharacters = new Uint8Array(128);

  constructor(private readonly ignoreCase: boolean) {}

  /** Stores a spelling with its value (a later value for the same spelling replaces an earlier one). */
  add(spelling: string, value: string): void {
    const first = this.fold(spelling.charCodeAt(0));
    if (first < 128) {
      this.firstCharacters[first] = 1;
      if (this.ignoreCase) this.firstCharacters[String.fromCharCode(first).toUpperCase().charCodeAt(0)] = 1;
    }
    let node = this.root;
    for (let i = 0; i < spelling.length; i++) {
      const code = this.fold(spelling.charCodeAt(i));
      let child = node.children.get(code);
      if (!child) {
        child = newNode();
        node.children.set(code, child);
      }
      node = child;
    }
    node.value = value;
  }

  /** The longest spelling that starts at `start` and whose end `fits` (e.g. a word boundary); undefined when none does. */
  longestAt(text: string, start: number, fits: (text: string, end: number) => boolean): SpellingMatch | undefined {
    const first = text.charCodeAt(start);
    // Most positions start no spelling: answer those from a table, without a map lookup.
    if (first < 128 && this.firstCharacters[first] === 0) return undefined;
    let node: TrieNode | undefined = this.root;
    let found: SpellingMatch | undefined;
    for (let index = start; node; index++) {
      if (node.value !== undefined && index > start && fits(text, index)) found = { end: index, value: node.value };
      if (index >= text.length) break;
      node = node.children.get(this.fold(text.charCodeAt(index)));
    }
    return found;
  }

  private fold(code: number): number {
    return this.ignoreCase ? asciiLower(code) : code;
  }
}
