/**
 * Renders a component to HTML with its own i18next instance, as the app's i18n does (React escapes,
 * i18next does not): for component tests that read what the officer would see.
 */
import i18next, { type Resource } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll } from 'vitest';

/** Call at the top of a test file; the answered function renders in Vietnamese unless told. */
export function staticMarkup(resources: Resource = { vi: { translation: {} } }) {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.use(initReactI18next).init({ lng: 'vi', resources, interpolation: { escapeValue: false } });
  });
  return (element: ReactElement, lng = 'vi'): string => {
    void i18n.changeLanguage(lng);
    return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
  };
}
