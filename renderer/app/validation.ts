import { messageFor } from '../../shared/i18n/validation';
import { i18next } from '../i18n';

/** Message for a `validation.*` / `codes.*` key of shared/, in the UI's current language. */
export function validationMessage(key: string): string {
  return messageFor(key, i18next.language === 'en' ? 'en' : 'vi');
}
