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

/** Where each headed section starts and how its heading reads, in text order. */
function sectionsOf(text: string): Section[] {
  const sections: Section[] = [{ start: 0, reading: null }];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed && HEADING.test(trimmed)) {
      const reading = PREFERRED_HEADING.test(trimmed)
        ? 'preferred'
        : PERK_HEADING.test(trimmed)
          ? 'perk'
          : REQUIRED_HEADING.test(trimmed)
            ? 'required'
            : NEUTRAL_HEADING.test(trimmed)
              ? 'mentioned'
              : null;
      if (reading) sections.push({ start: lineStart, reading });
    }
    lineStart += line.length + 1;
  }
  return sections;
}

function sectionAt(sections: readonly Section[], index: number): Section {
  let found = sections[0]!;
  for (const section of sections) if (section.start <= index) found = section;
  return found;
}

/** How a sentence reads around any skill in it, each test made at most once per sentence (a list names many skills). */
interface SentenceWords {
  readonly whole: string;
  learned?: boolean;
  preferred?: boolean;
  required?: boolean;
}

function readMention(
  text: string,
  mention: SkillMention,
  sections: readonly Section[],
  sentences: Map<number, SentenceWords>,
): MentionReading {
  const sentence = sentenceAround(text, mention.start, mention.end);
  // One number per (start, end) pair: both are at most the text's length.
  const key = sentence.start * (text.length + 1) + sentence.end;
  let words = sentences.get(key);
  if (!words) {
    words = { whole: text.slice(sentence.start, sentence.end) };
    sentences.set(key, words);
  }
  // The wording before a mention is in its sentence, so a sentence without it spares the test per mention.
  // (A mention never follows a letter or digit, so the part before it ends where a word ends in the sentence too.)
  words.learned ??= LEARNED_BEFORE.test(words.whole);
  if (words.learned && LEARNED_BEFORE.test(text.slice(sentence.start, mention.start))) return 'learned';
  words.preferred ??= PREFERRED_NEAR.test(words.whole);
  if (words.preferred) return 'preferred';
  const section = sectionAt(sections, mention.start).reading;
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
  const sections = sectionsOf(text);
  const strongest = new Map<string, MentionReading>();
  const sentences = new Map<number, SentenceWords>();
  for (const mention of mentions) {
    const reading = readMention(text, mention, sections, sentences);
    const known = strongest.get(mention.name);
    if (!known || RANK[reading] > RANK[known]) strongest.set(mention.name, reading);
  }
  const importance = new Map<string, SkillImportance>();
  for (const [name, reading] of strongest) if (reading !== 'learned' && reading !== 'perk') importance.set(name, reading);
  return importance;
}
