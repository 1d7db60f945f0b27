import { runServiceProcess } from '@jobpipe/shared';
import { sheetsBridgeService } from './app.js';

await runServiceProcess(sheetsBridgeService);
