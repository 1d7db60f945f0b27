/** A JSON schema as parsed from its file. */
export type JsonSchema = Record<string, unknown>;

/** One event schema: a detail-type at one major version. */
export interface EventSchema {
  readonly detailType: string;
  readonly major: number;
  readonly schema: JsonSchema;
}

/** Every schema the contract validators are compiled from: the shared ones (meta, defs) and one per event version. */
export interface SchemaCatalog {
  /** `meta.schema.json` and `defs/*.schema.json`, which event schemas reference by `$id`. */
  readonly shared: readonly JsonSchema[];
  /** Every `<detail-type>/v<major>/schema.json`, sorted by detail-type then major. */
  readonly events: readonly EventSchema[];
}
