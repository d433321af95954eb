/** Contract handlers for the jobs panel. */
import type { JobsApi } from '../../../shared/jobs';
import type { HandlerSlice } from '../core/handlers';
import type { JobManager } from './job-manager';

export function jobsHandlers(jobs: JobManager): HandlerSlice<JobsApi> {
  return {
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'jobs.clearFinished': async () => ({ removed: jobs.clearFinished() }),
    'jobs.wait': ({ jobId }) => jobs.wait(jobId),
  };
}
