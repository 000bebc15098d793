import type { TFunction } from 'i18next';
import { ConsoleApiError } from './api';

/** The message an admin reads for a failed call: the translated reason, and the server's detail for a bad request. */
export function errorText(t: TFunction, err: unknown): string {
  if (!(err instanceof ConsoleApiError)) return t('error.internal');
  const reason = t(`error.${err.code}`);
  return err.code === 'bad_request' || err.code === 'conflict' ? `${reason} (${err.message})` : reason;
}
