import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { SCHEMA_CATALOG } from './generated/schemas.js';
import type { SchemaCatalog } from './schema-catalog.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

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

/** Compiled validators of every event schema, keyed by detail-type and major version. */
export class ContractRegistry {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly majors = new Map<string, number[]>();

  /** Compiles the given schemas; by default the package's own, imported (not read from disk) so bundles carry them. */
  constructor(catalog: SchemaCatalog = SCHEMA_CATALOG) {
    this.ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }));
    for (const schema of catalog.shared) this.ajv.addSchema(schema);
    for (const file of catalog.events) {
      this.validators.set(`${file.detailType}@${file.major}`, this.ajv.compile(file.schema));
      this.majors.set(file.detailType, [...(this.majors.get(file.detailType) ?? []), file.major]);
    }
  }

  /**
   * Validates a value against a shared definition (`defs/<name>.schema.json`), e.g. an import row or
   * the user's config.
   */
  validateDefinition(name: 'import-row' | 'config' | 'normalized-job', value: unknown): ValidationResult {
    const validate = this.ajv.getSchema(`https://schemas.jobpipe.dev/defs/${name}.schema.json`);
    if (!validate) return { ok: false, errors: [`unknown definition '${name}'`] };
    return validate(value) ? { ok: true } : { ok: false, errors: describeErrors(validate.errors) };
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

/** The registry over the contracts package's own schemas (compiled once, on first use). */
export function contracts(): ContractRegistry {
  defaultRegistry ??= new ContractRegistry();
  return defaultRegistry;
}
