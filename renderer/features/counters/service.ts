import type { Officer } from '../../../shared/domain';
import type { IssuedCodeResponse, OfficeCountersResponse } from '../../../shared/officers';
import { serviceContext, useRequired } from '../service-context';

/** Roles that manage the office's counters and PCs on a counter. */
export const COUNTER_ADMIN_ROLES = ['admin'] as const;

/**
 * The admin officer's key for this page's requests: derived from the password they typed on
 * opening the page, held in memory only while the page is open.
 */
export interface CountersSigner {
  actor: Officer;
  seed: Uint8Array;
}

/**
 * The office's counters and PCs as the office admin manages them from a counter: online only, each
 * request signed by the admin (shared/officers counter-changes.ts) and checked by the province
 * server. Errors carry an i18n key as their message ('counters.error.*', 'counters.refused.*').
 */
export interface CountersService {
  /** Checks the admin's password against their record on this counter; answers their signer. */
  unlock(officerId: string, password: string): Promise<CountersSigner>;
  list(signer: CountersSigner): Promise<OfficeCountersResponse>;
  issueCode(signer: CountersSigner, counterId: string, ttlMinutes: number): Promise<IssuedCodeResponse>;
  revoke(signer: CountersSigner, deviceId: string, reason: 'revoked' | 'retired'): Promise<void>;
}

export const CountersServiceContext = serviceContext<CountersService>();
export const useCountersService = (): CountersService =>
  useRequired(CountersServiceContext, 'CountersService');
