import type { ServiceName } from '@jobpipe/contracts';
import type { Registry } from 'prom-client';
import type { Logger } from '../ports/logger.js';
import type { EnvSchema } from './env-config.js';
import type { HandlerTable } from './handlers.js';
import type { RuntimeConfig } from './runtime-config.js';
import type { RuntimePorts, ServicePorts } from './runtime-ports.js';

/** An environment as `process.env` gives it (tests and the CLI pass their own). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What every service's config carries: the runtime settings (transport, data folder, logging, health). */
export interface ServiceConfig {
  readonly runtime: RuntimeConfig;
}

/** Something running beside the queue that must be stopped on shutdown. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Work a long-running process does beside its queue: an HTTP API, a schedule, a poller. Started by
 * the process entry only; a Lambda or `jobpipe run --once` handles events and starts none.
 */
export type SideJob = () => Promise<Stoppable | undefined>;

/** What a service's `build` returns: the same for every entry. */
export interface BuiltService {
  /** The handler table of the service's queue. */
  readonly handlers: HandlerTable;
  /** Side jobs by name, started in this order after the queue runner (stopped first, in reverse). */
  readonly sideJobs?: Readonly<Record<string, SideJob>>;
  /** Batches the queue runner handles at once (default: the runner's). */
  readonly concurrency?: number;
  /** Service-specific metrics, added to the process's /metrics. */
  readonly metrics?: { registerInto(registry: Registry): void };
  /** Releases what `build` opened (files, clients, a browser); called after the queue has stopped. */
  close?(): Promise<void>;
}

/**
 * A service, once: how it reads its settings and how it builds itself over the ports. Every entry
 * (process, Lambda, `jobpipe run --once`, bench, tests) starts the service from this definition.
 */
export interface ServiceDefinition<Config extends ServiceConfig = ServiceConfig, Built extends BuiltService = BuiltService> {
  readonly name: ServiceName;
  /** The service's own environment variables (the runtime's are RUNTIME_ENV_SCHEMA); docs/running.md lists them. */
  readonly envSchema: EnvSchema;
  /** Reads and validates the environment (through `readEnvConfig`); throws a ConfigError that names the setting. */
  readConfig(env: Environment): Config;
  /** The composition root: adapters from config, the use-cases over them, the handler table. */
  build(ports: RuntimePorts, config: Config, logger: Logger): Built | Promise<Built>;
}

/**
 * A service as its `app.ts` declares it: its definition, with a `build` whose ports write only the
 * tables the service owns (`ServicePorts`), so a write to another service's table does not compile.
 */
export interface ServiceDeclaration<Config extends ServiceConfig, Built extends BuiltService, Name extends ServiceName>
  extends Omit<ServiceDefinition<Config, Built>, 'name' | 'build'> {
  readonly name: Name;
  /** A property, not a method, so its ports are checked strictly: a `build` over all-writing ports does not compile. */
  readonly build: (ports: ServicePorts<Name>, config: Config, logger: Logger) => Built | Promise<Built>;
}

/** Declares a service (the types of its name, config and of what it builds are inferred). */
export function defineService<Config extends ServiceConfig, Built extends BuiltService, Name extends ServiceName>(
  definition: ServiceDeclaration<Config, Built, Name>,
): ServiceDefinition<Config, Built> {
  return Object.freeze(definition);
}
