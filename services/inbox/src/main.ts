import { runServiceProcess } from '@jobpipe/shared';
import { inboxService } from './app.js';

await runServiceProcess(inboxService);
