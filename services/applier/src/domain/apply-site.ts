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

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where} must be a non-empty string`);
  return value;
}

function optionalText(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : text(value, where);
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function parseFields(value: unknown, where: string): FieldMapping[] {
  if (!Array.isArray(value)) throw new Error(`${where} must be a list`);
  return value.map((raw, i) => {
    const field = record(raw, `${where}[${i}]`);
    return {
      selector: text(field.selector, `${where}[${i}].selector`),
      profileField: text(field.profileField, `${where}[${i}].profileField`),
      optional: field.optional === true,
    };
  });
}

/**
 * Reads the `apply` part of every site of a sites document (`{ sites: { <site>: { baseUrl, apply } } }`).
 * Sites without an `apply` part are skipped. Throws with the path of a bad value.
 */
export function parseApplySites(document: unknown): Map<string, ApplySite> {
  const sites = record(record(document, 'sites document').sites, 'sites');
  const result = new Map<string, ApplySite>();
  for (const [site, raw] of Object.entries(sites)) {
    const entry = record(raw, `sites.${site}`);
    if (entry.apply === undefined) continue;
    const apply = record(entry.apply, `sites.${site}.apply`);
    const at = (name: string) => `sites.${site}.apply.${name}`;
    const questions = apply.questions === undefined ? undefined : record(apply.questions, at('questions'));
    result.set(site, {
      site,
      baseUrl: text(entry.baseUrl, `sites.${site}.baseUrl`),
      formSelector: text(apply.formSelector, at('formSelector')),
      loginPageSelector: text(apply.loginPageSelector, at('loginPageSelector')),
      siteErrorSelector: optionalText(apply.siteErrorSelector, at('siteErrorSelector')),
      fields: parseFields(apply.fields, at('fields')),
      resumeSelector: text(apply.resumeSelector, at('resumeSelector')),
      questions: questions && {
        containerSelector: text(questions.containerSelector, at('questions.containerSelector')),
        labelSelector: text(questions.labelSelector, at('questions.labelSelector')),
        inputSelector: text(questions.inputSelector, at('questions.inputSelector')),
      },
      submitSelector: text(apply.submitSelector, at('submitSelector')),
      confirmationSelector: text(apply.confirmationSelector, at('confirmationSelector')),
      formErrorSelector: optionalText(apply.formErrorSelector, at('formErrorSelector')),
    });
  }
  return result;
}
