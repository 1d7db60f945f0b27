import { ConfigError } from '../errors.js';
import type { Environment } from './environment.js';

/** One environment variable, as a JSON Schema (2020-12) property: its type, bounds, default and meaning. */
export interface EnvVariableSchema {
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  /** What the variable does (the table in docs/running.md is generated from it). */
  readonly description: string;
  readonly default?: string | number | boolean;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  readonly pattern?: string;
}

/**
 * The JSON Schema of the settings one service reads from its environment: an object with one
 * property per variable. Every variable is optional (a default, or undefined when unset); an empty
 * value (`NAME=` in an env or compose file) counts as unset.
 */
export interface EnvSchema {
  readonly $schema: 'https://json-schema.org/draft/2020-12/schema';
  /** The service (or `runtime`, for the settings every service shares). */
  readonly title: string;
  readonly type: 'object';
  readonly properties: Readonly<Record<string, EnvVariableSchema>>;
}

type ValueOf<V extends EnvVariableSchema> = V['enum'] extends readonly (infer E extends string)[]
  ? E
  : V['type'] extends 'string'
    ? string
    : V['type'] extends 'boolean'
      ? boolean
      : number;

/** The values read by a schema: typed by each variable's schema; possibly undefined when it has no default. */
export type EnvValues<S extends EnvSchema> = {
  readonly [K in keyof S['properties']]: S['properties'][K] extends { default: string | number | boolean }
    ? ValueOf<S['properties'][K]>
    : ValueOf<S['properties'][K]> | undefined;
};

/** The keywords a variable's schema may use (the test checks every schema keeps to them). */
export const ENV_SCHEMA_KEYWORDS: readonly string[] = [
  'type',
  'description',
  'default',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'enum',
  'pattern',
];

function bounds(variable: EnvVariableSchema): string {
  const low =
    variable.exclusiveMinimum !== undefined
      ? `above ${variable.exclusiveMinimum}`
      : variable.minimum !== undefined
        ? `from ${variable.minimum}`
        : undefined;
  const high = variable.maximum !== undefined ? `${low ? 'to' : 'at most'} ${variable.maximum}` : undefined;
  return [low, high].filter(Boolean).join(' ');
}

/** Why `raw` does not fit `variable`, or undefined when it does; and the typed value. */
function typedValue(variable: EnvVariableSchema, raw: string): { value?: string | number | boolean; problem?: string } {
  if (variable.type === 'boolean') {
    if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
    return { problem: 'must be true or false' };
  }
  if (variable.type === 'string') {
    if (variable.enum && !variable.enum.includes(raw)) return { problem: `is not valid: use one of ${variable.enum.join(', ')}` };
    if (variable.pattern !== undefined && !new RegExp(variable.pattern, 'u').test(raw))
      return { problem: `is not valid: ${variable.description}` };
    return { value: raw };
  }
  const number = Number(raw.trim());
  const kind = variable.type === 'integer' ? 'a whole number' : 'a number';
  const range = bounds(variable);
  const problem = `is not valid: use ${kind}${range ? ` ${range}` : ''}`;
  if (raw.trim() === '' || !Number.isFinite(number) || (variable.type === 'integer' && !Number.isInteger(number))) return { problem };
  if (variable.minimum !== undefined && number < variable.minimum) return { problem };
  if (variable.exclusiveMinimum !== undefined && number <= variable.exclusiveMinimum) return { problem };
  if (variable.maximum !== undefined && number > variable.maximum) return { problem };
  return { value: number };
}

/**
 * Reads the variables a schema names from an environment, checked against the schema: a value that
 * does not fit throws a ConfigError naming the variable, its value and what it should be (secret
 * variables are named without their value). Unset variables take their default.
 */
export function readEnvConfig<S extends EnvSchema>(
  schema: S,
  env: Environment,
  options: { secret?: readonly string[] } = {},
): EnvValues<S> {
  const values: Record<string, string | number | boolean | undefined> = {};
  for (const [name, variable] of Object.entries(schema.properties)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      values[name] = variable.default;
      continue;
    }
    const { value, problem } = typedValue(variable, raw);
    if (problem !== undefined) {
      const shown = options.secret?.includes(name) ? name : `${name}='${raw}'`;
      throw new ConfigError(`${shown} ${problem}`);
    }
    values[name] = value;
  }
  return Object.freeze(values) as EnvValues<S>;
}
