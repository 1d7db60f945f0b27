/**
 * The inbox classifier on its labelled set (services/inbox/labelled): `inbox.macroF1`, held out by
 * stratified 5-fold cross-validation (goal ≥ 0.9; a quality figure, the same on every machine), and
 * `inbox.messagesPerSecond`, messages classified per second by a model trained on the whole set (goal
 * ≥ 500), with its ratio to splitting the same subjects and bodies into lower-case words in alternating
 * rounds of the same run (`inbox.classifyToSplitRatio`), which compares across machines.
 */
import { classifyEmail, crossValidateInbox, readLabelledSet, trainedEmailModel } from '@jobpipe/inbox';
import { alternatingRounds } from '../alternating-rounds.js';

export default async function inbox(): Promise<Record<string, number>> {
  const messages = readLabelledSet();
  const report = crossValidateInbox(messages);
  const model = trainedEmailModel();
  let words = 0;
  const split = () => {
    for (const { email } of messages) words += `${email.subject} ${email.text}`.toLowerCase().split(/[^a-z]+/).length;
  };
  const classify = () => {
    for (const { email } of messages) classifyEmail(model, email);
  };
  const timings = alternatingRounds(split, classify);
  if (words === 0) throw new Error('the baseline split no words');
  return {
    'inbox.macroF1': report.macroF1,
    'inbox.accuracy': report.accuracy,
    'inbox.messagesPerSecond': messages.length / timings.measuredSeconds,
    'inbox.classifyToSplitRatio': timings.ratioToBaseline,
  };
}
