import { addRxPlugin, type RxStorage } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';

/**
 * Development / tests only: loaded through a dynamic import behind import.meta.env.DEV, so the
 * production bundle contains neither dev-mode nor ajv. Dev-mode insists on a schema validator:
 * every document written in tests is checked against the schema derived from shared/domain.
 */
let added = false;
export function enableDevMode<I, S>(storage: RxStorage<I, S>): RxStorage<I, S> {
  if (!added) {
    added = true;
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  }
  return wrappedValidateAjvStorage({ storage });
}
