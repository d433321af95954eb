/** Contract handlers for profiling. */
import type { ProfileApi } from '../../../shared/profile';
import type { HandlerSlice } from '../core/handlers';
import type { ProfileService } from './profile-service';

export function profileHandlers(profiles: ProfileService): HandlerSlice<ProfileApi> {
  return {
    'profile.start': async ({ refresh, ...request }) => profiles.start(request, refresh),
    'profile.get': async (request) => ({ profile: await profiles.get(request) }),
    'profile.compare': async ({ a, b }) => profiles.compare(a, b),
    'profile.report': async (request) => profiles.report(request),
  };
}
