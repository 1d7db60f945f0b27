import type { ErrorObject } from 'ajv';
import type { DefinitionName } from './generated/validators.js';
import type { TableName } from './tables.js';

/**
 * Validates a value against one schema, as Ajv's validate functions do (precompiled or compiled at run
 * time): returns the verdict and, when it is `false`, leaves the reasons in `errors`.
 */
export interface ContractValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The validator of one event schema: a detail-type at one major version. */
export interface EventValidator {
  readonly detailType: string;
  readonly major: number;
  readonly validate: ContractValidator;
}

/** Every validator a contract registry looks up: one per event version, per shared definition and per table. */
export interface ContractValidators {
  /** Sorted by detail-type, then major version. */
  readonly events: readonly EventValidator[];
  /** By name: `defs/<name>.schema.json`. */
  readonly definitions: Readonly<Record<DefinitionName, ContractValidator>>;
  /** By table name: `tables/<table>/schema.json`. */
  readonly tables: Readonly<Record<TableName, ContractValidator>>;
}
