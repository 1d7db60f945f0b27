/** A trie node: children by folded character code, and the values of the spellings that end here. */
interface TrieNode<T> {
  readonly children: Map<number, TrieNode<T>>;
  /** Row of this node in the dense transition table, or -1 (only the shallow nodes, where most walks end, have one). */
  readonly row: number;
  /** The value of the spelling that ends here, matched in any case. */
  anyCase: T | undefined;
  /** Spellings ending here that count only in exactly their case, with their values. */
  exact: [string, T][] | undefined;
}

/** The longest spelling of each case mode found at one position: where each ends (-1 for none) and its value. */
export interface SpellingMatches<T> {
  anyCaseEnd: number;
  anyCase: T | undefined;
  exactEnd: number;
  exact: T | undefined;
}

/**
 * Folded characters that get a column in the dense table: most walks are one or two characters long and
 * end at a shallow node, so an array index there instead of a Map lookup is most of the matching time.
 */
const DENSE_CHARACTERS = " #&'()+,-./0123456789:abcdefghijklmnopqrstuvwxyz";
const COLUMNS = DENSE_CHARACTERS.length;
const COLUMN_OF = new Int8Array(128).fill(-1);
for (let column = 0; column < COLUMNS; column++) COLUMN_OF[DENSE_CHARACTERS.charCodeAt(column)] = column;
/** Nodes this close to the root get a dense row. */
const DENSE_DEPTH = 3;

const UPPER_A = 0x41;
const UPPER_Z = 0x5a;

/** A character code in lower case, for ASCII letters only (as a non-Unicode `/i` regex folds spellings that are ASCII). */
const asciiLower = (code: number) => (code >= UPPER_A && code <= UPPER_Z ? code + 0x20 : code);

/**
 * Spellings in one character trie, for finding at a text position the longest one that fits, in one walk
 * instead of one regex per spelling. The trie folds ASCII letters; a spelling added as case-sensitive is
 * compared exactly where its folded path ends, so both case modes are answered by the same walk.
 */
export class SpellingTrie<T = string> {
  /** Nodes with a dense row, by row; row 0 is the root. */
  private readonly denseNodes: TrieNode<T>[] = [];
  /** Child row + 1 by `row * COLUMNS + column`; 0 when there is no such child. */
  private dense = new Int32Array(COLUMNS * 64);
  private readonly root = this.newNode(0);
  /** 1 for each ASCII code some spelling starts with, in both cases. */
  private readonly firstCharacters = new Uint8Array(128);

  /** Stores a spelling with its value (a later value for the same spelling and case mode replaces an earlier one). */
  add(spelling: string, value: T, caseSensitive = false): void {
    const first = asciiLower(spelling.charCodeAt(0));
    if (first < 128) {
      this.firstCharacters[first] = 1;
      this.firstCharacters[String.fromCharCode(first).toUpperCase().charCodeAt(0)] = 1;
    }
    let node = this.root;
    for (let i = 0; i < spelling.length; i++) {
      const code = asciiLower(spelling.charCodeAt(i));
      let child = node.children.get(code);
      if (!child) {
        child = this.newNode(i + 1);
        node.children.set(code, child);
        const column = code < 128 ? COLUMN_OF[code]! : -1;
        if (node.row >= 0 && child.row >= 0 && column >= 0) this.dense[node.row * COLUMNS + column] = child.row + 1;
      }
      node = child;
    }
    if (!caseSensitive) {
      node.anyCase = value;
      return;
    }
    node.exact = (node.exact ?? []).filter(([other]) => other !== spelling);
    node.exact.push([spelling, value]);
  }

  /**
   * Fills `into` with the longest spelling of each case mode that starts at `start` and whose end `fits`
   * (e.g. a word boundary); an end of -1 means none. Returns whether any was found.
   */
  longestAt(text: string, start: number, fits: (text: string, end: number) => boolean, into: SpellingMatches<T>): boolean {
    into.anyCaseEnd = -1;
    into.exactEnd = -1;
    const first = text.charCodeAt(start);
    // Most positions start no spelling: answer those from a table, without a map lookup.
    if (first < 128 && this.firstCharacters[first] === 0) return false;
    let node: TrieNode<T> | undefined = this.root;
    for (let index = start; node; index++) {
      if (index > start && (node.anyCase !== undefined || node.exact !== undefined) && fits(text, index)) {
        if (node.anyCase !== undefined) {
          into.anyCaseEnd = index;
          into.anyCase = node.anyCase;
        }
        if (node.exact !== undefined) {
          for (const [spelling, value] of node.exact) {
            if (text.startsWith(spelling, start)) {
              into.exactEnd = index;
              into.exact = value;
            }
          }
        }
      }
      if (index >= text.length) break;
      const code = asciiLower(text.charCodeAt(index));
      const column = code < 128 ? COLUMN_OF[code]! : -1;
      if (node.row >= 0 && column >= 0) {
        const row: number = this.dense[node.row * COLUMNS + column]!;
        node = row === 0 ? (index - start < DENSE_DEPTH - 1 ? undefined : node.children.get(code)) : this.denseNodes[row - 1];
      } else node = node.children.get(code);
    }
    return into.anyCaseEnd >= 0 || into.exactEnd >= 0;
  }

  private newNode(depth: number): TrieNode<T> {
    const row = depth < DENSE_DEPTH ? this.denseNodes.length : -1;
    const node: TrieNode<T> = { children: new Map(), row, anyCase: undefined, exact: undefined };
    if (row >= 0) {
      this.denseNodes.push(node);
      if ((row + 1) * COLUMNS > this.dense.length) {
        const grown = new Int32Array(this.dense.length * 2);
        grown.set(this.dense);
        this.dense = grown;
      }
    }
    return node;
  }
}
