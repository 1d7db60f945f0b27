import { hash } from 'node:crypto';

/** Shortest description text worth fingerprinting: shorter texts are boilerplate more often than not. */
export const MIN_FINGERPRINT_TEXT = 200;

/** Any character outside ASCII (only those can carry accents or compatibility forms). */
const NON_ASCII = /[\u0080-\uffff]/;

const SPACE = 0x20;
const AMPERSAND = 0x26;
const PLUS = 0x2b;
const HASH = 0x23;
const AND = [0x61, 0x6e, 0x64];

/** The fingerprint's words, written as ASCII bytes; grown when a text needs more. */
let written = Buffer.allocUnsafe(16 * 1024);

/** 1 for the ASCII letters and digits (lower case after folding), 2 for the digits. */
const LETTER_OR_DIGIT = new Uint8Array(128);
for (let code = 0x30; code <= 0x39; code++) LETTER_OR_DIGIT[code] = 2;
for (let code = 0x61; code <= 0x7a; code++) LETTER_OR_DIGIT[code] = 1;

/** Writes words to `written`, one space between two, none at either end. */
class WordWriter {
  length = 0;
  private spaceOwed = false;
  /** The run of letters and digits being written: where it starts (before its space), and whether it is all digits. */
  private runStart = -1;
  private runDigitsOnly = true;

  /** Writes a letter or digit (folded) of a run. */
  letterOrDigit(code: number, digit: boolean): void {
    if (this.runStart < 0) {
      // A dropped number takes the space written before it along; the space is owed again after it.
      this.runStart = this.length;
      this.runDigitsOnly = true;
    }
    this.runDigitsOnly &&= digit;
    this.put(code);
  }

  /** Ends the run of letters and digits, dropping it when it is a number. */
  endRun(): void {
    if (this.runStart >= 0 && this.runDigitsOnly) {
      this.length = this.runStart;
      this.spaceOwed = true;
    }
    this.runStart = -1;
  }

  /** Writes a character of a word, after the space owed before it. */
  put(code: number): void {
    if (this.spaceOwed && this.length > 0) written[this.length++] = SPACE;
    this.spaceOwed = false;
    written[this.length++] = code;
  }

  /** Parts words: a space is owed before the next one. */
  part(): void {
    this.spaceOwed = true;
  }
}

/**
 * The description's words as the fingerprint reads them, written to `written`; returns their length.
 * Lower case, accents dropped (NFKD, then the combining marks), "&" read as "and", the words (runs of
 * letters, digits, "+" and "#") apart by one space, and every number standing as a word (a run of digits
 * between anything but letters and digits: "2024", the "11" of "c++11") dropped with its spaces. Made in
 * one pass over the text, as bytes: what is left is ASCII, so its bytes are what sha256 reads of it.
 */
function fingerprintWords(descriptionText: string): number {
  // Decomposing ASCII text changes nothing: skip it for the (common) all-ASCII description. What is left
  // outside ASCII after it stays outside in lower case too, so it only parts words.
  const text = NON_ASCII.test(descriptionText) ? descriptionText.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : descriptionText;
  // "&" becomes " and ": at most four bytes written per character read.
  if (written.length < text.length * 4) written = Buffer.allocUnsafe(text.length * 4);
  const writer = new WordWriter();
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    const kind = code < 128 ? LETTER_OR_DIGIT[code]! : 0;
    if (kind !== 0) {
      writer.letterOrDigit(code, kind === 2);
      continue;
    }
    writer.endRun();
    if (code === PLUS || code === HASH) writer.put(code);
    else if (code === AMPERSAND) {
      writer.part();
      for (const letter of AND) writer.put(letter);
      writer.part();
    } else writer.part();
  }
  writer.endRun();
  return writer.length;
}

/** Fingerprint of a description's words (case, punctuation, numbers and spacing ignored); null for short texts. */
export function textFingerprint(descriptionText: string): string | null {
  const length = fingerprintWords(descriptionText);
  if (length < MIN_FINGERPRINT_TEXT) return null;
  return hash('sha256', written.subarray(0, length), 'hex');
}
