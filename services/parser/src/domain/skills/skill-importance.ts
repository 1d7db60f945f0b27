import { sentenceAround } from '../sentences.js';
import type { SkillMention } from '../skills.js';

/** How a posting asks for a skill it names. */
export type SkillImportance = 'required' | 'preferred' | 'mentioned';

/** How one mention reads: as a skill asked for, a plus, something the job teaches, a perk, or neither. */
type MentionReading = SkillImportance | 'learned' | 'perk';

/** A heading line: short, maybe ending in ":", with no sentence in it. */
const HEADING = /^[^.!?]{2,60}:?$/;
const REQUIRED_HEADING =
  /\b(?:requirements?|required|qualifications?|must[-\s]haves?|what\s+(?:you(?:'ll|\s+will)?|we(?:'re|\s+are))\s+(?:need|bring|have|looking\s+for|expect)|you\s+(?:have|bring|are)|who\s+you\s+are|skills|essential|minimum|basic|about\s+you|your\s+(?:profile|background|experience|skills))\b/i;
const PREFERRED_HEADING =
  /\b(?:nice[-\s]to[-\s]haves?|preferred|desirable|desired|bonus|pluses|a\s+plus|ideally|good\s+to\s+have|extra\s+credit|great\s+if)\b/i;
const PERK_HEADING = /\b(?:benefits|perks|what\s+we\s+offer|we\s+offer|why\s+(?:join|work)|compensation|our\s+offer|rewards)\b/i;
const NEUTRAL_HEADING =
  /\b(?:about\s+(?:us|the\s+(?:company|team|role|job))|who\s+we\s+are|our\s+(?:company|story|mission)|responsibilities|what\s+you(?:'ll|\s+will)\s+do|duties|the\s+role)\b/i;

/** Any word of any heading kind: most short lines (list items) have none, and are settled by this one test. */
const ANY_HEADING_WORD = new RegExp(
  [PREFERRED_HEADING, PERK_HEADING, REQUIRED_HEADING, NEUTRAL_HEADING].map((kind) => kind.source).join('|'),
  'i',
);

/** Before the skill in its sentence: the job will teach it. */
const LEARNED_BEFORE =
  /\b(?:willing(?:ness)?\s+to\s+learn|eager(?:ness)?\s+to\s+learn|desire\s+to\s+learn|interest(?:ed)?\s+in\s+learning|opportunit(?:y|ies)\s+to\s+learn|you(?:'ll|\s+will)\s+(?:learn|be\s+trained|gain)|we(?:'ll|\s+will)\s+(?:train|teach)|(?:training|coaching)\s+(?:is\s+)?(?:provided|given|available)\s+(?:in|on|for)|learn\s+(?:about|how\s+to)|be\s+trained\s+(?:in|on)|get\s+trained|no\s+(?:prior\s+)?(?:knowledge|experience)\s+(?:of|with|in))\b/i;
/** Around the skill in its sentence: a plus, not a requirement. */
const PREFERRED_NEAR =
  /\b(?:nice[-\s]to[-\s]have|(?:is|are|would\s+be|a)\s+(?:a\s+)?(?:plus|bonus|advantage|advantageous)|a\s+plus|preferred|preferably|preference|desirable|desired|beneficial|helpful|ideally|not\s+(?:required|necessary|essential|mandatory)|optional|exposure\s+to|familiarity\s+with\s+(?:is|would)|bonus\s+points?|great\s+if|appreciated)\b/i;
/** Around the skill in its sentence: asked for. */
const REQUIRED_NEAR =
  /\b(?:required|requires?|requirements?|qualifications?|must|need(?:ed|s)?|essential|mandatory|proficien(?:t|cy)|expert(?:ise)?|experience\s+(?:with|in|using|of)|experienced\s+(?:with|in)|knowledge\s+of|skilled\s+in|strong|solid|fluent|fluency|hands[-\s]on|working\s+knowledge|certified|certification|licen[cs]e[ds]?|ability\s+to\s+use|competen(?:t|ce|cy)|years?\s+of)\b/i;

interface Section {
  readonly start: number;
  readonly reading: MentionReading | null;
}

/** The longest line HEADING takes (60 characters and a colon). */
const LONGEST_HEADING = 61;

/** Whether a character may be whitespace that trim() removes (all but printable ASCII may). */
const mayBeSpace = (code: number) => code <= 0x20 || code >= 0x7f;

/** How a heading line reads, or null for a line that is no heading or reads as none of them. */
function headingReading(line: string): MentionReading | null {
  const trimmed = line.trim();
  if (!trimmed || !HEADING.test(trimmed) || !ANY_HEADING_WORD.test(trimmed)) return null;
  if (PREFERRED_HEADING.test(trimmed)) return 'preferred';
  if (PERK_HEADING.test(trimmed)) return 'perk';
  if (REQUIRED_HEADING.test(trimmed)) return 'required';
  return NEUTRAL_HEADING.test(trimmed) ? 'mentioned' : null;
}

/** Where each headed section starts and how its heading reads, in text order. */
function sectionsOf(text: string): Section[] {
  const sections: Section[] = [{ start: 0, reading: null }];
  for (let lineStart = 0; lineStart <= text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    // Most lines are sentences, too long to be a heading even trimmed: skip those without copying them.
    const tooLong =
      lineEnd - lineStart > LONGEST_HEADING && !mayBeSpace(text.charCodeAt(lineStart)) && !mayBeSpace(text.charCodeAt(lineEnd - 1));
    const reading = tooLong ? null : headingReading(text.slice(lineStart, lineEnd));
    if (reading) sections.push({ start: lineStart, reading });
    lineStart = lineEnd + 1;
  }
  return sections;
}

/** A text's headed sections, read on the first question: a mention's own sentence mostly settles how it reads. */
class HeadedSections {
  private sections: Section[] | undefined;

  constructor(private readonly text: string) {}

  /** How the heading of the section holding `index` reads (null outside a heading that says anything). */
  readingAt(index: number): MentionReading | null {
    this.sections ??= sectionsOf(this.text);
    let found = this.sections[0]!;
    for (const section of this.sections) if (section.start <= index) found = section;
    return found.reading;
  }
}

/** How a sentence reads around any skill in it, each test made at most once per sentence (a list names many skills). */
interface SentenceWords {
  readonly start: number;
  readonly end: number;
  readonly whole: string;
  learned?: boolean;
  preferred?: boolean;
  required?: boolean;
}

/** A character that can end a sentence (see sentenceAround). */
const SENTENCE_BREAK = /[\n;•.!?]/;

/**
 * The sentences of a text's mentions. A list names many skills in one sentence: a mention after the one
 * whose sentence was looked up last, and inside that sentence, has the same sentence. The look-up scanned
 * everything from that mention's end to the sentence's end, and its start backwards, finding no sentence
 * break; only the looked-up mention's own characters were not scanned, so they must hold no break either.
 */
class MentionSentences {
  private readonly byBounds = new Map<number, SentenceWords>();
  private last: SentenceWords | undefined;
  /** Where the mention whose sentence is `last` ends, or -1 when its characters could break a sentence. */
  private lastMentionEnd = -1;

  constructor(private readonly text: string) {}

  of(mention: SkillMention): SentenceWords {
    const last = this.last;
    if (last && this.lastMentionEnd >= 0 && mention.start >= this.lastMentionEnd && mention.end <= last.end) return last;
    const { start, end } = sentenceAround(this.text, mention.start, mention.end);
    // One number per (start, end) pair: both are at most the text's length.
    const key = start * (this.text.length + 1) + end;
    let words = this.byBounds.get(key);
    if (!words) {
      words = { start, end, whole: this.text.slice(start, end) };
      this.byBounds.set(key, words);
    }
    this.last = words;
    this.lastMentionEnd = SENTENCE_BREAK.test(this.text.slice(mention.start, mention.end)) ? -1 : mention.end;
    return words;
  }
}

function readMention(text: string, mention: SkillMention, sections: HeadedSections, sentences: MentionSentences): MentionReading {
  const words = sentences.of(mention);
  // The wording before a mention is in its sentence, so a sentence without it spares the test per mention.
  // (A mention never follows a letter or digit, so the part before it ends where a word ends in the sentence too.)
  words.learned ??= LEARNED_BEFORE.test(words.whole);
  if (words.learned && LEARNED_BEFORE.test(text.slice(words.start, mention.start))) return 'learned';
  words.preferred ??= PREFERRED_NEAR.test(words.whole);
  if (words.preferred) return 'preferred';
  const section = sections.readingAt(mention.start);
  if (section === 'perk' || section === 'preferred') return section;
  if (section === 'required') return 'required';
  words.required ??= REQUIRED_NEAR.test(words.whole);
  return words.required ? 'required' : 'mentioned';
}

const RANK: Readonly<Record<MentionReading, number>> = { required: 4, preferred: 3, mentioned: 2, perk: 1, learned: 0 };

/**
 * How the posting asks for each skill it names, from the strongest of its mentions: "required" in a
 * requirements section or next to "must", "experience with", "proficient"; "preferred" next to "a plus",
 * "nice to have", "exposure to", "not required" or under a nice-to-have heading; "mentioned" otherwise.
 * Skills named only as something the job will teach ("willing to learn", "we will train you in") or only
 * among the perks are left out.
 */
export function skillImportance(text: string, mentions: readonly SkillMention[]): Map<string, SkillImportance> {
  const sections = new HeadedSections(text);
  const strongest = new Map<string, MentionReading>();
  const sentences = new MentionSentences(text);
  for (const mention of mentions) {
    const reading = readMention(text, mention, sections, sentences);
    const known = strongest.get(mention.name);
    if (!known || RANK[reading] > RANK[known]) strongest.set(mention.name, reading);
  }
  const importance = new Map<string, SkillImportance>();
  for (const [name, reading] of strongest) if (reading !== 'learned' && reading !== 'perk') importance.set(name, reading);
  return importance;
}
