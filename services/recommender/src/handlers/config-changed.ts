import type { EventHandler } from '@jobpipe/shared';
import type { Recommender } from '../recommender.js';

/** `config.changed@1`: take the newer config; rescore in batches when tracks, scoring or rates changed. */
export function configChangedHandler(recommender: Recommender): EventHandler<'config.changed'> {
  return async (event, context) => {
    const { version, config } = event.detail.data;
    const report = await recommender.handleConfigChanged(version, config, context.caused);
    if (report) context.logger.info({ version, ...report }, 'config changed; rescored');
  };
}
