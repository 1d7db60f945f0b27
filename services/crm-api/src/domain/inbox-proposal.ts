/**
 * What the inbox's reading of an email proposes for the job it matched: a stage move the pipeline allows
 * from where the job stands (a rejection closes it; an interview invitation or an assessment moves an
 * application to interviewing; an application confirmation moves a shortlisted job to applied), or a
 * note when the move is not the next step but the email still says something the user should see (an
 * interview time). Outreach and other mail propose nothing.
 */
import type { CrmStage, EventDataMap } from '@jobpipe/contracts';
import type { ProposedChange } from './proposals.js';
import { allowedNextStages } from './stage-transitions.js';

type ClassifiedEmail = EventDataMap['email.classified'];

const LABELS: Readonly<Record<ClassifiedEmail['emailClass'], string>> = {
  'application-received': 'application received',
  rejection: 'rejection',
  'interview-invitation': 'interview invitation',
  assessment: 'assessment',
  'recruiter-outreach': 'recruiter outreach',
  other: 'other',
};

/** A short note saying what the email was and how sure the inbox is ("Email: rejection (93%)"). */
export function emailNote(email: ClassifiedEmail): string {
  const interview = email.interviewAt ? `, interview at ${email.interviewAt}` : '';
  return `Email: ${LABELS[email.emailClass]} (${Math.round(email.confidence * 100)}%)${interview}`;
}

function stageChange(to: CrmStage, email: ClassifiedEmail): ProposedChange {
  return { kind: 'stage-change', to, closedReason: to === 'closed' ? 'rejected' : null, note: emailNote(email) };
}

/** The change an email proposes for a job at `stage`, or undefined when it proposes none. */
export function inboxProposalFor(email: ClassifiedEmail, stage: CrmStage): ProposedChange | undefined {
  const allowed = allowedNextStages(stage);
  const target: CrmStage | undefined = {
    rejection: 'closed' as const,
    'interview-invitation': 'interviewing' as const,
    assessment: 'interviewing' as const,
    'application-received': 'applied' as const,
    'recruiter-outreach': undefined,
    other: undefined,
  }[email.emailClass];
  if (target && allowed.includes(target)) return stageChange(target, email);
  if (email.interviewAt && stage !== 'closed') return { kind: 'note', note: emailNote(email) };
  return undefined;
}

/** Why the inbox proposes it, shown to the user beside the proposal (never the email's text). */
export function inboxRationale(email: ClassifiedEmail): string {
  return `A message in mailbox '${email.mailbox}' reads as ${LABELS[email.emailClass]} (matched by ${email.matchedBy.join(', ') || 'nothing'}).`;
}
