import type { WriteCondition } from '../ports/tables.js';

/** A DynamoDB ConditionExpression with its placeholders. */
export interface DynamoCondition {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, string | number | boolean>;
}

const OPERATORS = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/**
 * Maps a write condition to a ConditionExpression with the same meaning as `conditionHolds` (the
 * embedded adapter): a missing item fails unless `orNotExists`; a missing attribute passes `ne` and
 * `orNotExists` conditions and fails the others.
 */
export function toDynamoCondition(condition: WriteCondition, partitionKey: string): DynamoCondition {
  if (condition.kind === 'notExists') {
    return { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': partitionKey } };
  }
  const compare = `#a ${OPERATORS[condition.op]} :v`;
  const values = { ':v': condition.value };
  if (condition.orNotExists) {
    return {
      ConditionExpression: `attribute_not_exists(#a) OR ${compare}`,
      ExpressionAttributeNames: { '#a': condition.attribute },
      ExpressionAttributeValues: values,
    };
  }
  if (condition.op === 'ne') {
    return {
      ConditionExpression: `attribute_exists(#pk) AND (attribute_not_exists(#a) OR ${compare})`,
      ExpressionAttributeNames: { '#pk': partitionKey, '#a': condition.attribute },
      ExpressionAttributeValues: values,
    };
  }
  return { ConditionExpression: compare, ExpressionAttributeNames: { '#a': condition.attribute }, ExpressionAttributeValues: values };
}
