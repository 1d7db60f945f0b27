/** One screening question on an apply form. */
export interface ScreeningQuestion {
  readonly id: string;
  readonly label: string;
  /** A free-text answer or a choice from `options`. */
  readonly kind: 'text' | 'select';
  readonly options?: readonly string[];
}

/**
 * How a posting's apply flow behaves: `standard`; `changed` (the form's fields were renamed, as when a
 * site ships a redesign); `server-error` (the submit answers 500 and records nothing).
 */
export type ApplyBehaviour = 'standard' | 'changed' | 'server-error';

/** A posting on the test site. */
export interface SiteJob {
  readonly id: string;
  readonly title: string;
  readonly company: string;
  readonly location: string;
  readonly behaviour: ApplyBehaviour;
  /** The day it was posted (ISO date). */
  readonly postedOn: string;
  readonly questions: readonly ScreeningQuestion[];
}

const workAuthorisation: ScreeningQuestion = {
  id: 'work-authorisation',
  label: 'Are you legally authorised to work in Singapore?',
  kind: 'select',
  options: ['Yes', 'No'],
};
const pythonYears: ScreeningQuestion = {
  id: 'python-years',
  label: 'How many years of professional Python experience do you have?',
  kind: 'text',
};
const noticePeriod: ScreeningQuestion = {
  id: 'notice-period',
  label: 'What is your notice period?',
  kind: 'select',
  options: ['Immediate', '2 weeks', '1 month', '2 months or more'],
};
const relocateToMars: ScreeningQuestion = {
  id: 'mars',
  label: 'Are you willing to relocate to our Mars office?',
  kind: 'select',
  options: ['Yes', 'No'],
};

/** The postings the site serves unless told otherwise: one per company, plus one per way to fail. */
export const DEFAULT_JOBS: readonly SiteJob[] = [
  {
    id: 'data-engineer-101',
    title: 'Data Engineer',
    company: 'Acme Analytics',
    location: 'Singapore',
    behaviour: 'standard',
    postedOn: '2026-11-20',
    questions: [workAuthorisation, pythonYears],
  },
  {
    id: 'ml-engineer-102',
    title: 'Machine Learning Engineer',
    company: 'Borealis AI',
    location: 'Singapore',
    behaviour: 'standard',
    postedOn: '2026-11-22',
    questions: [workAuthorisation, noticePeriod],
  },
  {
    id: 'platform-engineer-103',
    title: 'Platform Engineer',
    company: 'Cobalt Cloud',
    location: 'Remote',
    behaviour: 'standard',
    postedOn: '2026-11-23',
    questions: [pythonYears],
  },
  {
    id: 'backend-engineer-104',
    title: 'Backend Engineer',
    company: 'Acme Analytics',
    location: 'Singapore',
    behaviour: 'standard',
    postedOn: '2026-11-25',
    questions: [workAuthorisation],
  },
  {
    id: 'analytics-engineer-105',
    title: 'Analytics Engineer',
    company: 'Delta Data',
    location: 'Singapore',
    behaviour: 'standard',
    postedOn: '2026-11-26',
    questions: [noticePeriod],
  },
  {
    id: 'data-scientist-106',
    title: 'Data Scientist',
    company: 'Eos Labs',
    location: 'Singapore',
    behaviour: 'standard',
    postedOn: '2026-11-28',
    questions: [workAuthorisation, relocateToMars],
  },
  {
    id: 'sre-107',
    title: 'Site Reliability Engineer',
    company: 'Fjord Systems',
    location: 'Singapore',
    behaviour: 'changed',
    postedOn: '2026-11-29',
    questions: [workAuthorisation],
  },
  {
    id: 'qa-engineer-108',
    title: 'QA Engineer',
    company: 'Gamma Games',
    location: 'Singapore',
    behaviour: 'server-error',
    postedOn: '2026-11-30',
    questions: [workAuthorisation],
  },
];
