import { runServiceProcess } from '@jobpipe/shared';
import { scraperService } from './app.js';

await runServiceProcess(scraperService);
