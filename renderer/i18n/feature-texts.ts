import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';

/** A feature's own texts: one nested table per language, deep-merged into i18next's `translation`. */
export interface FeatureResources {
  vi: object;
  en: object;
}

export interface FeatureTexts {
  /** Adds the feature's tables to `i18n` once (safe to call on every render). */
  register(i18n: I18n): void;
  /** useTranslation() with the feature's tables added on first use. */
  useTexts(): ReturnType<typeof useTranslation>;
}

/**
 * Texts a feature keeps beside its code rather than in renderer/i18n: added to whichever i18next
 * instance first renders the feature (the app's, a test's), once per instance.
 */
export function featureTexts(resources: FeatureResources): FeatureTexts {
  const registered = new WeakSet<I18n>();
  const register = (i18n: I18n): void => {
    if (registered.has(i18n)) return;
    registered.add(i18n);
    for (const lng of ['vi', 'en'] as const)
      i18n.addResourceBundle(lng, 'translation', resources[lng], true, false);
  };
  return {
    register,
    useTexts() {
      const result = useTranslation();
      register(result.i18n);
      return result;
    },
  };
}

/**
 * Texts of a feature whose keys all sit under `namespace.`: `en` must give every key `vi` has
 * (a missing translation does not compile).
 */
export function namespacedTexts<K extends string>(
  namespace: string,
  vi: Record<K, string>,
  en: Record<NoInfer<K>, string>,
): FeatureTexts {
  return featureTexts({ vi: { [namespace]: vi }, en: { [namespace]: en } });
}
