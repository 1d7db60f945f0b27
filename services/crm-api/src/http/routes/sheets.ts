import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { connectSheets, type SheetsConnectionRequest, sheetsConnectionStatus } from '../../use-cases/sheets-connection.js';
import { secretStoreOf } from '../../use-cases/site-credentials.js';
import { errorResponses } from '../schemas.js';

const statusSchema = {
  type: 'object',
  required: ['configured', 'credentialsStored', 'serviceAccount', 'spreadsheetId'],
  description: 'what the secret store holds for the sheets bridge (never the key); the bridge reads it when it starts',
  properties: {
    configured: { type: 'boolean', description: 'both the credentials and a spreadsheet are stored' },
    credentialsStored: { type: 'boolean' },
    serviceAccount: { type: ['string', 'null'], description: "the service account's address: share the spreadsheet with it" },
    spreadsheetId: { type: ['string', 'null'] },
  },
} as const;

/**
 * GET /sheets/connection (is a spreadsheet connected, with which service account) and PUT
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
    async () => sheetsConnectionStatus(secretStoreOf(context)),
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
    async (request) => connectSheets(secretStoreOf(context), request.body),
  );
}
