import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { SecretStore } from '../ports/secrets.js';

/**
 * Secrets in AWS Secrets Manager, one secret per name (`secretId` maps a name to `<prefix>/<name>`).
 * A put creates the secret the first time and adds a new version after; a missing secret reads as
 * undefined. Values never appear in errors or logs from here.
 */
export class SecretsManagerStore implements SecretStore {
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: (name: string) => string,
  ) {}

  async get(name: string): Promise<string | undefined> {
    try {
      const output = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId(name) }));
      return output.SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async put(name: string, value: string): Promise<void> {
    const id = this.secretId(name);
    try {
      await this.client.send(new PutSecretValueCommand({ SecretId: id, SecretString: value }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await this.client.send(new CreateSecretCommand({ Name: id, SecretString: value }));
      } catch (createError) {
        // Another process created it in between: store this value as its new version.
        if (!(createError instanceof ResourceExistsException)) throw createError;
        await this.client.send(new PutSecretValueCommand({ SecretId: id, SecretString: value }));
      }
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteSecretCommand({ SecretId: this.secretId(name), ForceDeleteWithoutRecovery: true }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
