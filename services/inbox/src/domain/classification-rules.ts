/**
 * What is certain without a model: a message carrying a calendar invitation is an interview being
 * scheduled (a rejection or an outreach never sends one). The model decides everything else; the
 * sender's domain is one of its terms, not a rule, because an assessment platform also sends the
 * results that end an application.
 */
import type { EmailClass, EmailContent } from './email.js';

/** A class fixed by a rule, with the rule's name. */
export interface RuleVerdict {
  readonly emailClass: EmailClass;
  readonly rule: 'calendar-invitation';
}

/** The class a rule gives a message, or undefined when no rule applies. */
export function classByRule(email: EmailContent): RuleVerdict | undefined {
  if (email.invitation) return { emailClass: 'interview-invitation', rule: 'calendar-invitation' };
  return undefined;
}
