import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { en, vi } from './texts';

/** The texts of officers' accounts (./texts.ts), added to the app's i18next on first use. */
export const officersResources = { vi, en };

const registered = new WeakSet<I18n>();
export function registerOfficersI18n(i18n: I18n): void {
  if (registered.has(i18n)) return;
  registered.add(i18n);
  for (const lng of ['vi', 'en'] as const)
    i18n.addResourceBundle(lng, 'translation', officersResources[lng], true, false);
}

/** useTranslation() with this folder's texts registered. */
export function useOfficersTranslation(): ReturnType<typeof useTranslation> {
  const result = useTranslation();
  registerOfficersI18n(result.i18n);
  return result;
}
