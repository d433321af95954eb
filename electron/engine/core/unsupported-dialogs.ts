/**
 * Dialog handlers for hosts without a native shell (browser mode, tests): they refuse
 * with a sentence that tells the person what to do instead.
 */
import { ApiError } from '../../../shared/errors';
import type { DialogsApi } from '../../../shared/dialogs';
import type { HandlerSlice } from './handlers';

export function unsupportedDialogs(): HandlerSlice<DialogsApi> {
  const refuse = async (): Promise<never> => {
    throw new ApiError(
      'UNSUPPORTED',
      'Native file dialogs exist only in the desktop app; type the path on the machine running Assay instead.',
    );
  };
  return { 'dialog.open': refuse, 'dialog.save': refuse };
}
