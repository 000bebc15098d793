import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { bytesToBase64url } from './base64url';
import {
  MAX_SEAL_PAYLOAD_LENGTH,
  createSealPayload,
  deriveKeyId,
  devicePublicKey,
  generateDeviceKeyPair,
  parseSealPayload,
  verifySealPayload,
  type SealInput,
  type SealKeyRecord,
} from './seal';

const device = generateDeviceKeyPair();
const otherDevice = generateDeviceKeyPair();
const OFFICE = '000.00.06.H56';

const input: SealInput = {
  code: '000.00.06.H56-231027-0361',
  officeAgencyCode: OFFICE,
  // 18:30 UTC on the 27th is 01:30 on the 28th in Vietnam.
  issuedAt: '2023-10-27T18:30:00.000Z',
  resultNumber: '125/2023/QĐ-UBND',
};

function registry(entries: Record<string, SealKeyRecord>) {
  return (keyId: string) => entries[keyId];
}
const enrolled = registry({ [device.keyId]: { publicKey: device.publicKey, officeAgencyCode: OFFICE } });

/** Rebuilds a payload with one field replaced, keeping the original signature. */
function withField(payload: string, index: number, value: string): string {
  const parts = payload.split('~');
  parts[index] = value;
  return parts.join('~');
}

describe('seal payload', () => {
  it('round-trips: create, parse, verify', async () => {
    const payload = createSealPayload(input, device.secretKey, device.keyId);
    expect(payload.startsWith('MC1~000.00.06.H56-231027-0361~~20231028~125/2023/QĐ-UBND~')).toBe(true);
    const parsed = parseSealPayload(payload);
    expect(parsed).toMatchObject({
      code: input.code,
      officeAgencyCode: OFFICE,
      issuedDate: '2023-10-28',
      resultNumber: '125/2023/QĐ-UBND',
      keyId: device.keyId,
    });
    expect(parsed.signature).toHaveLength(64);
    expect(await verifySealPayload(payload, enrolled)).toEqual({
      ok: true,
      code: input.code,
      officeAgencyCode: OFFICE,
      issuedDate: '2023-10-28',
      resultNumber: '125/2023/QĐ-UBND',
      keyId: device.keyId,
    });
  });

  it('is short enough for a small QR code, even with a long result number', () => {
    const payload = createSealPayload(
      { ...input, resultNumber: '12345/2023/GCN-UBND-TNMT' },
      device.secretKey,
      device.keyId,
    );
    expect(payload.length).toBeLessThan(200);
    expect(utf8ToBytes(payload).length).toBeLessThan(200);
    expect(() =>
      createSealPayload({ ...input, resultNumber: 'x'.repeat(80) }, device.secretKey, device.keyId),
    ).toThrow(/longer than/);
    // Counted in bytes: 40 "Đ" are 40 characters but 80 bytes.
    expect(() =>
      createSealPayload({ ...input, resultNumber: 'Đ'.repeat(40) }, device.secretKey, device.keyId),
    ).toThrow(/longer than 200 bytes/);
    expect(MAX_SEAL_PAYLOAD_LENGTH).toBe(200);
  });

  it('names the issuing office when it differs from the code prefix, and binds it to the key', async () => {
    const transferred = { ...input, officeAgencyCode: '000.17.22.H56' };
    const payload = createSealPayload(transferred, device.secretKey, device.keyId);
    expect(payload.split('~')[2]).toBe('000.17.22.H56');
    expect(parseSealPayload(payload).officeAgencyCode).toBe('000.17.22.H56');
    // The key is enrolled for 000.00.06.H56: it cannot seal in the name of another office.
    expect(await verifySealPayload(payload, enrolled)).toEqual({ ok: false, reason: 'office_mismatch' });
    const other = registry({
      [device.keyId]: { publicKey: device.publicKey, officeAgencyCode: '000.17.22.H56' },
    });
    expect((await verifySealPayload(payload, other)).ok).toBe(true);
  });

  it('escapes the separator and percent sign inside the result number', async () => {
    const payload = createSealPayload({ ...input, resultNumber: 'A~B%C' }, device.secretKey, device.keyId);
    expect(payload.split('~')).toHaveLength(7);
    expect(parseSealPayload(payload).resultNumber).toBe('A~B%C');
    expect((await verifySealPayload(payload, enrolled)).ok).toBe(true);
  });

  it('accepts a plain date as issuedAt', () => {
    const payload = createSealPayload({ ...input, issuedAt: '2024-02-29' }, device.secretKey, device.keyId);
    expect(parseSealPayload(payload).issuedDate).toBe('2024-02-29');
  });

  const good = createSealPayload(input, device.secretKey, device.keyId);
  const sig = good.split('~')[6] ?? '';
  const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);

  it.each([
    ['code', withField(good, 1, '000.00.06.H56-231027-0362'), 'bad_signature'],
    ['date', withField(good, 3, '20231029'), 'bad_signature'],
    ['result number', withField(good, 4, '126/2023/QĐ-UBND'), 'bad_signature'],
    ['agency added', withField(good, 2, '000.17.22.H56'), 'office_mismatch'],
    ['signature', withField(good, 6, flipped), 'bad_signature'],
    [
      'signature of another key',
      withField(good, 6, bytesToBase64url(ed25519.sign(new Uint8Array(3), otherDevice.secretKey))),
      'bad_signature',
    ],
    ['key id', withField(good, 5, otherDevice.keyId), 'unknown_key'],
    ['version', withField(good, 0, 'MC2'), 'unsupported_version'],
    ['truncated', good.slice(0, -10), 'malformed'],
    ['agency spelled out though equal to the code', withField(good, 2, OFFICE), 'malformed'],
    ['impossible date', withField(good, 3, '20230230'), 'malformed'],
    ['bad escape', withField(good, 4, '125%41'), 'malformed'],
    ['extra field', `${good}~x`, 'malformed'],
    ['not a seal', 'https://example.com/', 'malformed'],
    ['empty', '', 'malformed'],
  ])('rejects a tampered %s', async (_name, payload, reason) => {
    expect(await verifySealPayload(payload, enrolled)).toEqual({ ok: false, reason });
  });

  it('rejects a key nobody enrolled, and one registered with a different public key', async () => {
    const rogue = createSealPayload(input, otherDevice.secretKey, otherDevice.keyId);
    expect(await verifySealPayload(rogue, enrolled)).toEqual({ ok: false, reason: 'unknown_key' });
    // An attacker reusing an enrolled key id with their own key.
    const spoofed = createSealPayload(input, otherDevice.secretKey, device.keyId);
    expect(await verifySealPayload(spoofed, enrolled)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('honours revocation by date and works with an async lookup (server database)', async () => {
    const lookup = async (keyId: string): Promise<SealKeyRecord | null> =>
      keyId === device.keyId
        ? { publicKey: device.publicKey, officeAgencyCode: OFFICE, revokedOn: '2023-10-28' }
        : null;
    expect(await verifySealPayload(good, lookup)).toEqual({ ok: false, reason: 'key_revoked' });
    const before = createSealPayload({ ...input, issuedAt: '2023-10-27' }, device.secretKey, device.keyId);
    expect((await verifySealPayload(before, lookup)).ok).toBe(true);
  });

  it('validates its inputs', () => {
    expect(() => createSealPayload({ ...input, code: 'ABC' }, device.secretKey, device.keyId)).toThrow(
      /dossier code/,
    );
    expect(() =>
      createSealPayload({ ...input, officeAgencyCode: 'H56' }, device.secretKey, device.keyId),
    ).toThrow(/agency/);
    expect(() => createSealPayload(input, device.secretKey, 'bad~id')).toThrow(/key id/);
    expect(() => createSealPayload({ ...input, resultNumber: '  ' }, device.secretKey, device.keyId)).toThrow(
      /result number/,
    );
    expect(() =>
      createSealPayload({ ...input, issuedAt: 'yesterday' }, device.secretKey, device.keyId),
    ).toThrow(/issuedAt/);
  });

  it('derives stable, distinct key ids and recovers the public key', () => {
    expect(device.keyId).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(deriveKeyId(device.publicKey)).toBe(device.keyId);
    expect(otherDevice.keyId).not.toBe(device.keyId);
    expect(devicePublicKey(device.secretKey)).toEqual(device.publicKey);
  });
});
