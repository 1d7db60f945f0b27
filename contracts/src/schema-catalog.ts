/** A JSON schema as parsed from its file. */
export type JsonSchema = Record<string, unknown>;

/** One event schema: a detail-type at one major version. */
export interface EventSchema {
  readonly detailType: string;
  readonly major: number;
  readonly schema: JsonSchema;
}

/** The schema of one table's items. */
export interface TableSchema {
  readonly table: string;
  readonly schema: JsonSchema;
}

/** Every schema the contract validators are compiled from: the shared ones (meta, defs), one per event version, one per table. */
export interface SchemaCatalog {
  /** `meta.schema.json` and `defs/*.schema.json`, which event schemas reference by `$id`. */
  readonly shared: readonly JsonSchema[];
  /** Every `<detail-type>/v<major>/schema.json`, sorted by detail-type then major. */
  readonly events: readonly EventSchema[];
  /** Every `tables/<table>/schema.json`, sorted by table name. */
  readonly tables: readonly TableSchema[];
}
