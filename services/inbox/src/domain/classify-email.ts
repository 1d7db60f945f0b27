import { classByRule } from './classification-rules.js';
import type { EmailClass, EmailContent } from './email.js';
import { type LoadedEmailModel, predictEmailClass } from './email-model.js';

/** How sure a rule is: it reads a fact of the message (a calendar file, the sender), not its wording. */
export const RULE_CONFIDENCE = 0.99;

/** A message's class, how sure the classifier is, and what decided it. */
export interface EmailClassification {
  readonly emailClass: EmailClass;
  readonly confidence: number;
  readonly decidedBy: 'rule' | 'model';
}

/** Classifies a message: a rule when one applies, the model otherwise. */
export function classifyEmail(model: LoadedEmailModel, email: EmailContent): EmailClassification {
  const verdict = classByRule(email);
  if (verdict) return { emailClass: verdict.emailClass, confidence: RULE_CONFIDENCE, decidedBy: 'rule' };
  const prediction = predictEmailClass(model, email);
  return { emailClass: prediction.emailClass, confidence: prediction.confidence, decidedBy: 'model' };
}
