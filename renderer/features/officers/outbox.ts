import { z } from 'zod';
import {
  OFFICER_CHANGE_REFUSALS,
  officerChangesResponseSchema,
  signedOfficerChangeSchema,
  type SignedOfficerChange,
} from '../../../shared/officers';
import { createSerialQueue, type DirectoryRepository } from '../../db';
import type { OfficerRecords } from './records';

/** Where the changes not yet sent to the server wait (directory settings: they survive a reload). */
export const OFFICER_OUTBOX_SETTING = 'officers.outbox';

const refusedSchema = z.object({
  changeId: z.string(),
  kind: z.string(),
  officerId: z.string(),
  reason: z.enum(OFFICER_CHANGE_REFUSALS),
  at: z.string(),
});
export type RefusedOfficerChange = z.infer<typeof refusedSchema>;
const outboxSchema = z.object({
  pending: z.array(signedOfficerChangeSchema),
  refused: z.array(refusedSchema),
});
export type OfficerOutboxState = z.infer<typeof outboxSchema>;

/** The server a change goes to: the counter's sync credential, or null while it has none. */
export type ServerCredential = { serverUrl: string; token: string };

export interface OfficerOutbox {
  add(change: SignedOfficerChange): Promise<void>;
  state(): Promise<OfficerOutboxState>;
  /** Sends what waits, in order; keeps it when the server cannot be reached. Never rejects. */
  flush(): Promise<void>;
}

export function createOfficerOutbox(deps: {
  directory: DirectoryRepository;
  records: OfficerRecords;
  credential: () => Promise<ServerCredential | null>;
  fetch?: typeof fetch;
}): OfficerOutbox {
  const { directory, records } = deps;
  const serial = createSerialQueue();
  const load = async (): Promise<OfficerOutboxState> => {
    const parsed = outboxSchema.safeParse(await directory.getSetting(OFFICER_OUTBOX_SETTING));
    return parsed.success ? parsed.data : { pending: [], refused: [] };
  };
  const save = (state: OfficerOutboxState) => directory.setSetting(OFFICER_OUTBOX_SETTING, state);

  async function send(): Promise<void> {
    const { pending } = await load();
    if (pending.length === 0) return;
    const credential = await deps.credential();
    if (!credential) return;
    const doFetch = deps.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
    let body: unknown;
    try {
      const res = await doFetch(`${credential.serverUrl}/officers/changes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential.token}` },
        body: JSON.stringify({ changes: pending.slice(0, 50) }),
      });
      if (!res.ok) {
        console.warn('officers: the server refused the changes request', res.status, await res.text());
        return;
      }
      body = await res.json();
    } catch (error) {
      // Offline or unreachable: the changes wait for the next sync.
      console.info('officers: changes wait for the server', error);
      return;
    }
    const { results } = officerChangesResponseSchema.parse(body);
    const state = await load();
    const done = new Set(results.map((r) => r.id));
    for (const r of results) {
      const signed = state.pending.find((p) => p.change.id === r.id);
      if (r.status === 'refused' && signed) {
        state.refused.push({
          changeId: r.id,
          kind: signed.change.kind,
          officerId: signed.change.officerId,
          reason: r.reason ?? 'unknown_officer',
          at: signed.change.at,
        });
        await records.settle(r.id, 'refused');
      } else if (r.updatedAt) await records.settle(r.id, { appliedAt: r.updatedAt });
    }
    state.pending = state.pending.filter((p) => !done.has(p.change.id));
    state.refused = state.refused.slice(-50);
    await save(state);
  }

  return {
    add: (change) =>
      serial(async () => {
        const state = await load();
        await save({ ...state, pending: [...state.pending, signedOfficerChangeSchema.parse(change)] });
      }),
    state: () => serial(load),
    flush: () =>
      serial(send).catch((error: unknown) => console.warn('officers: sending changes failed', error)),
  };
}
