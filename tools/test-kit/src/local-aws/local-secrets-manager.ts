import { randomUUID } from 'node:crypto';
import { AwsWireError, type JsonOperation, requiredString } from './json-wire.js';

const ACCOUNT = '000000000000';

/**
 * An in-memory Secrets Manager speaking its JSON protocol (`X-Amz-Target: secretsmanager.<Operation>`):
 * string secrets created, replaced, read and deleted by name or ARN. For tests and the bench.
 */
export class LocalSecretsManager {
  private readonly secrets = new Map<string, { arn: string; value: string; versionId: string }>();

  constructor(private readonly region: string) {}

  /** The JSON-protocol operations, by name. */
  operations(): Record<string, JsonOperation> {
    return {
      CreateSecret: (input) => {
        const name = requiredString(input, 'Name');
        if (this.secrets.has(name))
          throw new AwsWireError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
        const secret = {
          arn: `arn:aws:secretsmanager:${this.region}:${ACCOUNT}:secret:${name}-${randomUUID().slice(0, 6)}`,
          value: requiredString(input, 'SecretString'),
          versionId: randomUUID(),
        };
        this.secrets.set(name, secret);
        return { ARN: secret.arn, Name: name, VersionId: secret.versionId };
      },
      PutSecretValue: (input) => {
        const [name, secret] = this.secretOf(input);
        Object.assign(secret, { value: requiredString(input, 'SecretString'), versionId: randomUUID() });
        return { ARN: secret.arn, Name: name, VersionId: secret.versionId };
      },
      GetSecretValue: (input) => {
        const [name, secret] = this.secretOf(input);
        return { ARN: secret.arn, Name: name, VersionId: secret.versionId, SecretString: secret.value, CreatedDate: Date.now() / 1000 };
      },
      DeleteSecret: (input) => {
        const [name, secret] = this.secretOf(input);
        this.secrets.delete(name);
        return { ARN: secret.arn, Name: name, DeletionDate: Date.now() / 1000 };
      },
    };
  }

  private secretOf(input: Record<string, unknown>) {
    const id = requiredString(input, 'SecretId');
    const found = [...this.secrets].find(([name, secret]) => name === id || secret.arn === id);
    if (!found) throw new AwsWireError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return found;
  }
}
