import { type DocumentNode, siteSections } from '@jobpipe/shared';

/** One form control filled from the applicant's profile. */
export interface FieldMapping {
  readonly selector: string;
  /** Key in the profile's fields (`firstName`, `email`, ...). */
  readonly profileField: string;
  /** Left empty when the profile has no value (otherwise the application stops and asks). */
  readonly optional: boolean;
}

/** How to apply on one site: selectors as data, so a redesigned form is a config change. */
export interface ApplySite {
  readonly site: string;
  /** Origin the session cookies belong to. */
  readonly baseUrl: string;
  readonly formSelector: string;
  /** On a posting page that only links to its form: the link to follow when the form is not on the page. */
  readonly applyLinkSelector: string | undefined;
  /** Shown instead of the form when the site does not accept the session. */
  readonly loginPageSelector: string;
  /** Shown by the site's own error page. */
  readonly siteErrorSelector: string | undefined;
  readonly fields: readonly FieldMapping[];
  readonly resumeSelector: string;
  /** Each screening question: a container, the question text in it, and the control that answers it. */
  readonly questions: { readonly containerSelector: string; readonly labelSelector: string; readonly inputSelector: string } | undefined;
  readonly submitSelector: string;
  readonly confirmationSelector: string;
  /** The site's message when it refuses a submitted form. */
  readonly formErrorSelector: string | undefined;
}

function parseFields(fields: readonly DocumentNode[]): FieldMapping[] {
  return fields.map((field) => ({
    selector: field.text('selector'),
    profileField: field.text('profileField'),
    optional: field.fields().optional === true,
  }));
}

/**
 * Reads the `apply` part of every site of a sites document (`{ sites: { <site>: { baseUrl, apply } } }`).
 * Sites without an `apply` part are skipped. Throws with the path of a bad value.
 */
export function parseApplySites(document: unknown): Map<string, ApplySite> {
  const result = new Map<string, ApplySite>();
  for (const { site, baseUrl, section: apply } of siteSections(document, 'apply')) {
    const questions = apply.optionalObject('questions');
    result.set(site, {
      site,
      baseUrl,
      formSelector: apply.text('formSelector'),
      applyLinkSelector: apply.optionalText('applyLinkSelector'),
      loginPageSelector: apply.text('loginPageSelector'),
      siteErrorSelector: apply.optionalText('siteErrorSelector'),
      fields: parseFields(apply.list('fields')),
      resumeSelector: apply.text('resumeSelector'),
      questions: questions && {
        containerSelector: questions.text('containerSelector'),
        labelSelector: questions.text('labelSelector'),
        inputSelector: questions.text('inputSelector'),
      },
      submitSelector: apply.text('submitSelector'),
      confirmationSelector: apply.text('confirmationSelector'),
      formErrorSelector: apply.optionalText('formErrorSelector'),
    });
  }
  return result;
}
