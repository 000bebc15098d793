import { generateDeviceKeyPair } from '../../../shared/verification';
import { base64urlToBytes, bytesToBase64url } from '../../../shared/verification/base64url';
import type { SealKey } from './definition';

/** Where web mode keeps the device's result-seal key (in the replica; the desktop shell keeps its own). */
export const SEAL_KEY_SETTING = 'app.sealKey';

/** The settings part of the directory repository. */
export interface SealKeySettings {
  getSetting<T>(key: string): Promise<T | null>;
  setSetting(key: string, value: unknown): Promise<void>;
}

/** The device's seal key, generated and stored on first use. */
export async function deviceSealKey(settings: SealKeySettings): Promise<SealKey> {
  const stored = await settings.getSetting<{ secretKey: string; keyId: string }>(SEAL_KEY_SETTING);
  if (stored) return { secretKey: base64urlToBytes(stored.secretKey), keyId: stored.keyId };
  const pair = generateDeviceKeyPair();
  await settings.setSetting(SEAL_KEY_SETTING, {
    secretKey: bytesToBase64url(pair.secretKey),
    keyId: pair.keyId,
  });
  return { secretKey: pair.secretKey, keyId: pair.keyId };
}
