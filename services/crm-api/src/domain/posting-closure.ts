import { CRM_STAGES, type CrmStage } from '@jobpipe/contracts';

/**
 * Stages in which the user is in the middle of a job (applied … offer). When the posting of such a job
 * closes the user is told, and the stage stays: the process goes on without the posting.
 */
export function isActiveStage(stage: CrmStage): boolean {
  const index = CRM_STAGES.indexOf(stage);
  return index >= CRM_STAGES.indexOf('applied') && index < CRM_STAGES.indexOf('closed');
}
