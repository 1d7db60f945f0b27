/** The recommender process. */
import { runServiceProcess } from '@jobpipe/shared';
import { recommenderService } from './app.js';

await runServiceProcess(recommenderService);
