import { i18next } from '../i18n';

/** Vietnamese (or English) message for a `validation.*` key from shared/domain. */
export function validationMessage(key: string): string {
  return i18next.t(key);
}
