/** The longest spelling of each case mode found at one position: where each ends (-1 for none) and its value. */
export interface SpellingMatches<T> {
  anyCaseEnd: number;
  anyCase: T | undefined;
  exactEnd: number;
  exact: T | undefined;
}

const UPPER_A = 0x41;
const UPPER_Z = 0x5a;

/** A character code in lower case, for ASCII letters only (as a non-Unicode `/i` regex folds spellings that are ASCII). */
export const asciiLower = (code: number) => (code >= UPPER_A && code <= UPPER_Z ? code + 0x20 : code);

/** Flags of a node where a spelling ends: in any case, or only in its exact case. */
const ENDS_ANY_CASE = 1;
const ENDS_EXACT = 2;

/** A first-child character no folded character equals: the node has no child. */
const NO_CHILD = -1;

/** `grown` (a longer array) with `array`'s values copied to its start. */
function copiedInto<A extends Uint8Array | Int32Array | Uint32Array>(array: A, grown: A): A {
  grown.set(array);
  return grown;
}

/** Slots of the edge table to start with (a power of two); it doubles whenever it is half full. */
const FIRST_EDGE_SLOTS = 1024;

/**
 * Spellings in one character trie, for finding at a text position the longest one that fits, in one walk
 * instead of one regex per spelling. The trie folds ASCII letters; a spelling added as case-sensitive is
 * compared exactly where its folded path ends, so both case modes are answered by the same walk.
 *
 * Nodes are numbers (the root is 0), numbered as spellings are added, so a spelling's own tail is a run
 * of consecutive nodes. Each node keeps its first child (character and node) in per-node arrays, and the
 * characters of its other children as a 32-bit mask (character mod 32): a walk step down a tail reads
 * two neighbouring array slots, and a character that leads nowhere is mostly refused by the mask. Only
 * the other children live in an open-addressing table of typed arrays keyed by (node, character). Most
 * of the text a walk reads is ordinary words that share a prefix with some spelling, and ends there.
 */
export class SpellingTrie<T = string> {
  private nodeCount = 1;
  /** Per node: ENDS_ANY_CASE / ENDS_EXACT where a spelling ends there, else 0. */
  private ends = new Uint8Array(256);
  /** Per node: the folded character of its first child (NO_CHILD for none), and that child. */
  private firstChildCode = new Int32Array(256).fill(NO_CHILD);
  private firstChild = new Int32Array(256);
  /** Per node: bit (character mod 32) set for each child other than the first, which are in the edge table. */
  private otherChildren = new Uint32Array(256);
  /** Per node ending a spelling in any case: its value. */
  private readonly anyCase = new Map<number, T>();
  /** Per node ending exact-case spellings: each spelling with its value. */
  private readonly exact = new Map<number, [string, T][]>();
  private edgeParent = new Int32Array(FIRST_EDGE_SLOTS);
  private edgeCode = new Uint16Array(FIRST_EDGE_SLOTS);
  /** Child node of each slot; 0 marks a free slot (the root is nobody's child). */
  private edgeChild = new Int32Array(FIRST_EDGE_SLOTS);
  private edgeCount = 0;
  /** 32 minus log2 of the slot count: shifts a 32-bit hash down to a slot. */
  private hashShift = 32 - Math.log2(FIRST_EDGE_SLOTS);
  /** 1 for each ASCII code some spelling starts with, in both cases. */
  private readonly firstCharacters = new Uint8Array(128);
  /**
   * The nodes one and two folded ASCII characters below the root, by code (first << 7 | second): every
   * walk takes these steps, and a direct read is several times cheaper than a probe of the edge table.
   */
  private readonly firstNodes = new Int32Array(128);
  private readonly secondNodes = new Int32Array(128 * 128);

  /** Stores a spelling with its value (a later value for the same spelling and case mode replaces an earlier one). */
  add(spelling: string, value: T, caseSensitive = false): void {
    const first = asciiLower(spelling.charCodeAt(0));
    if (first < 128) {
      this.firstCharacters[first] = 1;
      this.firstCharacters[String.fromCharCode(first).toUpperCase().charCodeAt(0)] = 1;
    }
    let node = 0;
    for (let i = 0; i < spelling.length; i++) {
      const code = asciiLower(spelling.charCodeAt(i));
      node = this.childOf(node, code) || this.addChild(node, code);
      if (i === 0 && code < 128) this.firstNodes[code] = node;
      if (i === 1 && first < 128 && code < 128) this.secondNodes[(first << 7) | code] = node;
    }
    if (!caseSensitive) {
      this.anyCase.set(node, value);
      this.ends[node]! |= ENDS_ANY_CASE;
      return;
    }
    const exact = (this.exact.get(node) ?? []).filter(([other]) => other !== spelling);
    exact.push([spelling, value]);
    this.exact.set(node, exact);
    this.ends[node]! |= ENDS_EXACT;
  }

  /**
   * Fills `into` with the longest spelling of each case mode that starts at `start` and whose end `fits`
   * (e.g. a word boundary); an end of -1 means none. Returns whether any was found.
   */
  longestAt(text: string, start: number, fits: (text: string, end: number) => boolean, into: SpellingMatches<T>): boolean {
    into.anyCaseEnd = -1;
    into.exactEnd = -1;
    if (start >= text.length) return false;
    const first = text.charCodeAt(start);
    // Most positions start no spelling: answer those from a table, without a walk.
    if (first < 128 && this.firstCharacters[first] === 0) return false;
    let node = 0;
    const firstCode = asciiLower(first);
    for (let index = start; index < text.length; ) {
      const code = asciiLower(text.charCodeAt(index));
      if (index === start && code < 128) node = this.firstNodes[code]!;
      else if (index === start + 1 && firstCode < 128 && code < 128) node = this.secondNodes[(firstCode << 7) | code]!;
      else node = this.childOf(node, code);
      if (node === 0) break;
      index++;
      const ends = this.ends[node]!;
      if (ends === 0 || !fits(text, index)) continue;
      if ((ends & ENDS_ANY_CASE) !== 0) {
        into.anyCaseEnd = index;
        into.anyCase = this.anyCase.get(node);
      }
      if ((ends & ENDS_EXACT) !== 0) {
        for (const [spelling, value] of this.exact.get(node)!) {
          if (text.startsWith(spelling, start)) {
            into.exactEnd = index;
            into.exact = value;
          }
        }
      }
    }
    return into.anyCaseEnd >= 0 || into.exactEnd >= 0;
  }

  /** The slot where the edge (node, code) is, or the free slot where it would go. */
  private slotOf(node: number, code: number): number {
    const mask = this.edgeChild.length - 1;
    // Fibonacci hashing: the high bits of the product mix every bit of the key.
    let slot = Math.imul((node << 16) ^ code, 0x9e3779b1) >>> this.hashShift;
    while (this.edgeChild[slot] !== 0 && (this.edgeParent[slot] !== node || this.edgeCode[slot] !== code)) slot = (slot + 1) & mask;
    return slot;
  }

  /** The child of `node` by folded character `code`, or 0 when there is none. */
  private childOf(node: number, code: number): number {
    if (this.firstChildCode[node] === code) return this.firstChild[node]!;
    if ((this.otherChildren[node]! & (1 << (code & 31))) === 0) return 0;
    return this.edgeChild[this.slotOf(node, code)]!;
  }

  private addChild(node: number, code: number): number {
    const child = this.nodeCount++;
    if (child >= this.ends.length) this.growNodes();
    if (this.firstChildCode[node] === NO_CHILD) {
      this.firstChildCode[node] = code;
      this.firstChild[node] = child;
      return child;
    }
    this.otherChildren[node]! |= 1 << (code & 31);
    if ((this.edgeCount + 1) * 2 > this.edgeChild.length) this.growEdges();
    const slot = this.slotOf(node, code);
    this.edgeParent[slot] = node;
    this.edgeCode[slot] = code;
    this.edgeChild[slot] = child;
    this.edgeCount++;
    return child;
  }

  private growNodes(): void {
    const size = this.ends.length * 2;
    this.ends = copiedInto(this.ends, new Uint8Array(size));
    this.firstChildCode = copiedInto(this.firstChildCode, new Int32Array(size).fill(NO_CHILD));
    this.firstChild = copiedInto(this.firstChild, new Int32Array(size));
    this.otherChildren = copiedInto(this.otherChildren, new Uint32Array(size));
  }

  private growEdges(): void {
    const parents = this.edgeParent;
    const codes = this.edgeCode;
    const children = this.edgeChild;
    this.edgeParent = new Int32Array(children.length * 2);
    this.edgeCode = new Uint16Array(children.length * 2);
    this.edgeChild = new Int32Array(children.length * 2);
    this.hashShift--;
    for (let slot = 0; slot < children.length; slot++) {
      if (children[slot] === 0) continue;
      const free = this.slotOf(parents[slot]!, codes[slot]!);
      this.edgeParent[free] = parents[slot]!;
      this.edgeCode[free] = codes[slot]!;
      this.edgeChild[free] = children[slot]!;
    }
  }
}
