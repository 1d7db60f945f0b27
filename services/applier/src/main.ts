import { runServiceProcess } from '@jobpipe/shared';
import { applierService } from './app.js';

await runServiceProcess(applierService);
