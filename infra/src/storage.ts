import { TABLES, type TableDefinition, USER_SECRET_NAMES } from '@jobpipe/contracts';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** Tables from the shared table definitions, the blob bucket, and the secrets the user fills in. */
export class Storage extends Construct {
  readonly tables = new Map<string, dynamodb.TableV2>();
  readonly bucket: s3.Bucket;
  readonly secretPrefix: string;

  constructor(scope: Construct, id: string, props: { prefix: string }) {
    super(scope, id);
    for (const [name, definition] of Object.entries(TABLES) as [string, TableDefinition][]) {
      this.tables.set(
        name,
        new dynamodb.TableV2(this, `${name}-table`, {
          tableName: `${props.prefix}-${name}`,
          partitionKey: stringKey(definition.partitionKey),
          ...(definition.sortKey ? { sortKey: stringKey(definition.sortKey) } : {}),
          billing: dynamodb.Billing.onDemand(),
          ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          removalPolicy: RemovalPolicy.RETAIN,
          globalSecondaryIndexes: Object.entries(definition.indexes).map(([indexName, index]) => ({
            indexName,
            partitionKey: stringKey(index.partitionKey),
            ...(index.sortKey ? { sortKey: stringKey(index.sortKey) } : {}),
          })),
        }),
      );
    }
    this.bucket = new s3.Bucket(this, 'Blobs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'raw-pages', prefix: 'raw/', expiration: Duration.days(90) },
        {
          id: 'evidence',
          prefix: 'evidence/',
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
        },
      ],
    });
    this.secretPrefix = `${props.prefix}/`;
    // Secrets the user sets after deploying; services create the rest (session cookies) at run time.
    for (const name of Object.values(USER_SECRET_NAMES)) {
      new secretsmanager.Secret(this, `secret-${name.replaceAll('/', '-')}`, {
        secretName: `${this.secretPrefix}${name}`,
        description: `jobpipe: ${name} (set the value after deploying)`,
      });
    }
  }
}
