import { runServiceProcess } from '@jobpipe/shared';
import { parserService } from './app.js';

await runServiceProcess(parserService);
