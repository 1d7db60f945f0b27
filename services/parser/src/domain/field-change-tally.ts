import type { ComparedField, FieldChange } from './field-changes.js';

/** One job's change of one field, kept as an example. */
export interface FieldChangeExample {
  readonly jobId: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** How many jobs changed one field, with the first few as examples. */
export interface FieldChangeCount {
  readonly field: ComparedField;
  readonly jobs: number;
  readonly examples: readonly FieldChangeExample[];
}

/** Counts, per field, the jobs whose value changed, keeping the first few changes of each field as examples. */
export class FieldChangeTally {
  private readonly byField = new Map<ComparedField, { jobs: number; examples: FieldChangeExample[] }>();

  constructor(private readonly examplesPerField: number) {}

  /** Records one job's changed fields. */
  add(jobId: string, changes: readonly FieldChange[]): void {
    for (const { field, before, after } of changes) {
      const entry = this.byField.get(field) ?? { jobs: 0, examples: [] };
      entry.jobs++;
      if (entry.examples.length < this.examplesPerField) entry.examples.push({ jobId, before, after });
      this.byField.set(field, entry);
    }
  }

  /** The counts, most-changed field first (ties in the order the fields were first seen). */
  counts(): FieldChangeCount[] {
    return [...this.byField].map(([field, entry]) => ({ field, ...entry })).sort((a, b) => b.jobs - a.jobs);
  }
}
