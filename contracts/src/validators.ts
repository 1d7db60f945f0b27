import type { ErrorObject } from 'ajv';
import type { ContractValidator, ContractValidators } from './contract-validator.js';
import { DEFINITION_VALIDATORS, type DefinitionName, EVENT_VALIDATORS, TABLE_VALIDATORS } from './generated/validators.js';
import type { TableName } from './tables.js';

export type { DefinitionName } from './generated/validators.js';

/** Outcome of validating an event detail against its contract. */
export type ValidationResult = { ok: true } | { ok: false; errors: string[] };

/** Formats Ajv errors so each names the offending field, e.g. `/data/jobId: must match pattern …`. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') return `${error.instancePath}/${String(params.missingProperty)}: is required`;
    if (error.keyword === 'additionalProperties') {
      return `${error.instancePath}/${String(params.additionalProperty)}: is not allowed`;
    }
    return `${error.instancePath || '/'}: ${error.message ?? error.keyword}`;
  });
}

/** The package's own validators, precompiled from its schemas by `scripts/generate-validators.ts`. */
const PRECOMPILED: ContractValidators = { events: EVENT_VALIDATORS, definitions: DEFINITION_VALIDATORS, tables: TABLE_VALIDATORS };

/** Validators of every event schema, shared definition and table item, looked up by detail-type and major version or by name. */
export class ContractRegistry {
  private readonly definitions: ReadonlyMap<string, ContractValidator>;
  private readonly tables: ReadonlyMap<string, ContractValidator>;
  private readonly validators = new Map<string, ContractValidator>();
  private readonly majors = new Map<string, number[]>();

  /** Indexes the given validators; by default the package's precompiled ones, so nothing is compiled at run time. */
  constructor(validators: ContractValidators = PRECOMPILED) {
    this.definitions = new Map(Object.entries(validators.definitions));
    this.tables = new Map(Object.entries(validators.tables));
    for (const { detailType, major, validate } of validators.events) {
      this.validators.set(`${detailType}@${major}`, validate);
      this.majors.set(detailType, [...(this.majors.get(detailType) ?? []), major]);
    }
  }

  /**
   * Validates a value against a shared definition (`defs/<name>.schema.json`), e.g. an import row or
   * the user's config.
   */
  validateDefinition(name: DefinitionName, value: unknown): ValidationResult {
    const validate = this.definitions.get(name);
    if (!validate) return { ok: false, errors: [`unknown definition '${name}'`] };
    return validate(value) ? { ok: true } : { ok: false, errors: describeErrors(validate.errors) };
  }

  /** Validates an item about to be written to a table against `tables/<table>/schema.json`. */
  validateTableItem(table: TableName, item: unknown): ValidationResult {
    const validate = this.tables.get(table);
    if (!validate) return { ok: false, errors: [`unknown table '${table}'`] };
    return validate(item) ? { ok: true } : { ok: false, errors: describeErrors(validate.errors) };
  }

  /** Major versions known for a detail-type (empty when the type is unknown). */
  supportedMajors(detailType: string): number[] {
    return this.majors.get(detailType) ?? [];
  }

  /** Validates a `detail` (`{ meta, data }`) against the schema its `meta.schemaVersion` names. */
  validate(detailType: string, detail: unknown): ValidationResult {
    const majors = this.supportedMajors(detailType);
    if (majors.length === 0) return { ok: false, errors: [`unknown detail-type '${detailType}'`] };
    const major = majorOf(detail);
    if (major === undefined) return { ok: false, errors: ['/meta/schemaVersion: is required as "<major>.<minor>"'] };
    const validate = this.validators.get(`${detailType}@${major}`);
    if (!validate) {
      return {
        ok: false,
        errors: [`/meta/schemaVersion: major ${major} of '${detailType}' is not supported (known: ${majors.join(', ')})`],
      };
    }
    return validate(detail) ? { ok: true } : { ok: false, errors: describeErrors(validate.errors) };
  }
}

/** The major version named by `detail.meta.schemaVersion`, if readable. */
export function majorOf(detail: unknown): number | undefined {
  const version = (detail as { meta?: { schemaVersion?: unknown } } | null)?.meta?.schemaVersion;
  if (typeof version !== 'string') return undefined;
  const match = /^(\d+)\.\d+$/.exec(version);
  return match ? Number(match[1]) : undefined;
}

let defaultRegistry: ContractRegistry | undefined;

/** The registry over the contracts package's own precompiled validators (indexed once, on first use). */
export function contracts(): ContractRegistry {
  defaultRegistry ??= new ContractRegistry();
  return defaultRegistry;
}
