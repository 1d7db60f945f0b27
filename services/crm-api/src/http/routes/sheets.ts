import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { connectSheets, type SheetsConnectionRequest, sheetsConnectionReport } from '../../use-cases/sheets-connection.js';
import { secretStoreOf } from '../../use-cases/site-credentials.js';
import { errorResponses } from '../schemas.js';

const lastSyncSchema = {
  type: ['object', 'null'],
  description: "the sheets bridge's record of its last sync (null until it has synced)",
  required: ['spreadsheetId', 'syncedAt', 'outcome', 'rowsWritten', 'editsRead', 'error', 'lastSucceededAt', 'failuresInRow'],
  properties: {
    spreadsheetId: { type: 'string', description: 'the spreadsheet that sync was with' },
    syncedAt: { type: 'string', description: 'when it ended' },
    outcome: { type: 'string', enum: ['ok', 'failed'] },
    rowsWritten: { type: 'integer', description: 'rows it rewrote or appended' },
    editsRead: { type: 'integer', description: 'stage edits it read from the sheet and sent to the CRM' },
    error: { type: ['string', 'null'], description: 'why it failed, in words (never a key or token)' },
    lastSucceededAt: { type: ['string', 'null'] },
    failuresInRow: { type: 'integer' },
  },
} as const;

const statusSchema = {
  type: 'object',
  required: ['configured', 'credentialsStored', 'serviceAccount', 'spreadsheetId', 'lastSync'],
  description:
    'what the secret store holds for the sheets bridge (never the key), which it reads at its next sync (no restart), and how its last sync went',
  properties: {
    configured: { type: 'boolean', description: 'both the credentials and a spreadsheet are stored' },
    credentialsStored: { type: 'boolean' },
    serviceAccount: { type: ['string', 'null'], description: "the service account's address: share the spreadsheet with it" },
    spreadsheetId: { type: ['string', 'null'] },
    lastSync: lastSyncSchema,
  },
} as const;

/**
 * GET /sheets/connection (is a spreadsheet connected, with which service account, how the last sync
 * went) and PUT
 * /sheets/connection (a service account's JSON key and the spreadsheet, straight to the secret store
 * under the names the sheets bridge reads; never shown back, never logged).
 */
export async function sheetsRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get(
    '/sheets/connection',
    {
      schema: {
        tags: ['sheets'],
        summary: "Whether the Google Sheets bridge has its credentials and spreadsheet (never the key), and the service account's address",
        response: { 200: statusSchema, ...errorResponses(503) },
      },
    },
    async () => sheetsConnectionReport(secretStoreOf(context), context),
  );

  app.put<{ Body: SheetsConnectionRequest }>(
    '/sheets/connection',
    {
      schema: {
        tags: ['sheets'],
        summary: "Connect a Google spreadsheet: store a service account's JSON key and the spreadsheet for the sheets bridge",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['credentials', 'spreadsheet'],
          properties: {
            credentials: {
              anyOf: [
                { type: 'object', maxProperties: 50 },
                { type: 'string', maxLength: 20_000 },
              ],
              description: 'the JSON key file of a Google service account (type, client_email, private_key, …), as an object or its text',
            },
            spreadsheet: { type: 'string', minLength: 1, maxLength: 500, description: "the spreadsheet's id or its address" },
          },
        },
        response: { 200: statusSchema, ...errorResponses(400, 503) },
      },
    },
    async (request) => {
      const secrets = secretStoreOf(context);
      await connectSheets(secrets, request.body);
      return sheetsConnectionReport(secrets, context);
    },
  );
}
