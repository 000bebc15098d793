import { featureTexts } from '../../i18n/feature-texts';
import { en, vi } from './texts';

/** The texts of the counters page (./texts.ts), added to the app's i18next on first use. */
export const countersResources = { vi, en };

const texts = featureTexts(countersResources);
export const registerCountersI18n = texts.register;

/** useTranslation() with this folder's texts registered. */
export const useCountersTranslation = texts.useTexts;
