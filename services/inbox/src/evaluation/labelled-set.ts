/**
 * The labelled set (`services/inbox/labelled/messages.json`, format in its README): messages written for
 * the project, each with the class a person gave it. Imported as JSON so a bundle carries it, and checked
 * on reading, so a mistyped label fails loudly instead of training on it.
 */
import messages from '../../labelled/messages.json' with { type: 'json' };
import { type EmailClass, isEmailClass } from '../domain/email.js';
import type { LabelledEmail } from '../domain/email-model.js';

/** One message of the labelled set as stored. */
export interface LabelledMessage extends LabelledEmail {
  readonly id: string;
}

function problemOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'not an object';
  const { id, label, from, subject, text } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return 'no id';
  if (!isEmailClass(label)) return `${id}: unknown label ${JSON.stringify(label)}`;
  if (typeof from !== 'object' || from === null || typeof (from as { address?: unknown }).address !== 'string')
    return `${id}: no from.address`;
  if (typeof subject !== 'string' || typeof text !== 'string') return `${id}: subject and text must be strings`;
  return undefined;
}

/** Reads and checks labelled messages (the project's set by default); throws naming the first bad one. */
export function readLabelledSet(entries: readonly unknown[] = messages): LabelledMessage[] {
  const ids = new Set<string>();
  return entries.map((entry) => {
    const problem = problemOf(entry);
    if (problem) throw new Error(`labelled inbox set: ${problem}`);
    const { id, label, from, subject, text } = entry as {
      id: string;
      label: EmailClass;
      from: LabelledEmail['email']['from'];
      subject: string;
      text: string;
    };
    if (ids.has(id)) throw new Error(`labelled inbox set: ${id} appears twice`);
    ids.add(id);
    return { id, label, email: { from, subject, text } };
  });
}
