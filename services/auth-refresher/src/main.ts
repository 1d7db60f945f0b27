import { runServiceProcess } from '@jobpipe/shared';
import { authRefresherService } from './app.js';

await runServiceProcess(authRefresherService);
