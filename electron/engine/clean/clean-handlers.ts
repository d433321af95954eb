/** Contract handlers for cleaning: previews, checks, applications, code and saved recipes. */
import type { CleanApi } from '../../../shared/clean/clean-api';
import type { HandlerSlice } from '../core/handlers';
import type { CleanService } from './clean-service';

export function cleanHandlers(clean: CleanService): HandlerSlice<CleanApi> {
  return {
    'clean.preview': async (request) => clean.preview(request),
    'clean.check': async (request) => ({ problems: await clean.check(request) }),
    'clean.apply': async (request) => ({ jobId: clean.startApply(request).jobId }),
    'clean.code': async (request) => ({ code: await clean.code(request) }),
    'recipes.save': async (request) => clean.save(request),
    'recipes.list': async () => clean.list(),
    'recipes.get': async ({ name, number }) => clean.get(name, number),
  };
}
