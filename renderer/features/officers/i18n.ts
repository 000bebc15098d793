import { en, vi } from './texts';
import { featureTexts } from '../../i18n/feature-texts';

/** The texts of officers' accounts (./texts.ts), added to the app's i18next on first use. */
export const officersResources = { vi, en };

const texts = featureTexts(officersResources);
export const registerOfficersI18n = texts.register;

/** useTranslation() with this folder's texts registered. */
export const useOfficersTranslation = texts.useTexts;
