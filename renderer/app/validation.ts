import { messageFor } from '../../shared/i18n/validation';
import { i18next } from '../i18n';

/** Message for a `validation.*` / `codes.*` key of shared/, in the UI's current language. */
export function validationMessage(key: string): string {
  return messageFor(key, i18next.language === 'en' ? 'en' : 'vi');
}

/**
 * The fields of a form with the message of their error key (from shared's validators, e.g.
 * validateApplicant), and no error for the others: what an antd form's setFields takes.
 */
export function fieldErrors<N extends string>(
  names: readonly N[],
  errors: Readonly<Record<string, string>>,
): { name: N; errors: string[] }[] {
  return names.map((name) => {
    const key = errors[name];
    return { name, errors: key ? [validationMessage(key)] : [] };
  });
}
