import { runServiceProcess } from '@jobpipe/shared';
import { etlService } from './app.js';

await runServiceProcess(etlService);
