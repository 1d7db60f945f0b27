import { runServiceProcess } from '@jobpipe/shared';
import { crmApiService } from './app.js';

await runServiceProcess(crmApiService);
