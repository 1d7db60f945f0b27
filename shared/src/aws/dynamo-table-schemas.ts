import type { AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { TABLES, type TableDefinition } from '@jobpipe/contracts';

function keySchema(partitionKey: string, sortKey: string | undefined): KeySchemaElement[] {
  return [{ AttributeName: partitionKey, KeyType: 'HASH' }, ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : [])];
}

/** The global secondary indexes of a table definition (all attributes projected). */
export function globalSecondaryIndexes(definition: TableDefinition): GlobalSecondaryIndex[] {
  return Object.entries(definition.indexes).map(([name, index]) => ({
    IndexName: name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: 'ALL' },
  }));
}

/** Every key attribute of a table and its indexes, typed as strings (the definitions' rule). */
export function keyAttributeDefinitions(definition: TableDefinition): AttributeDefinition[] {
  const names = new Set([
    definition.partitionKey,
    definition.sortKey,
    ...Object.values(definition.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  return [...names].filter((name): name is string => name !== undefined).map((name) => ({ AttributeName: name, AttributeType: 'S' }));
}

/** CreateTable input of one table definition: on-demand billing, GSIs from the definition. */
export function createTableInput(tableName: string, definition: TableDefinition): CreateTableCommandInput {
  const indexes = globalSecondaryIndexes(definition);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributeDefinitions(definition),
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}

/** CreateTable inputs of every operational table, named by `tableName`. */
export function createTableInputs(
  tableName: (table: string) => string,
  definitions: Readonly<Record<string, TableDefinition>> = TABLES,
): CreateTableCommandInput[] {
  return Object.entries(definitions).map(([name, definition]) => createTableInput(tableName(name), definition));
}
