import { runServiceProcess } from '@jobpipe/shared';
import { notifierService } from './app.js';

await runServiceProcess(notifierService);
