import { z } from 'zod';
import { officerSchema, type Officer } from '../../../shared/domain';
import { createSerialQueue, type DirectoryRepository, type DirectoryDatabase } from '../../db';

/** Where this counter keeps the officers as changed here but not yet confirmed by the server. */
export const LOCAL_OFFICERS_SETTING = 'officers.localChanges';

const localChangeSchema = z.object({
  officer: officerSchema,
  /** The change (shared/officers) this record comes from. */
  changeId: z.string(),
  /** The server's updatedAt of the officer once it applied the change; null while pending. */
  appliedAt: z.string().nullable(),
});
type LocalChange = z.infer<typeof localChangeSchema>;
const localChangesSchema = z.record(z.string(), localChangeSchema);
type LocalChanges = z.infer<typeof localChangesSchema>;

/**
 * The officers as this counter must see them: the province's records (pulled, read-only here) with
 * the changes made on this counter on top, until the pulled record includes them. A change cannot be
 * written into the pulled collection itself: the replication would then never overwrite that
 * officer again with the province's later versions.
 */
export interface OfficerRecords {
  findOfficerByUsername(username: string): Promise<Officer | null>;
  get(id: string): Promise<Officer | null>;
  list(): Promise<Officer[]>;
  /** Records `officer` as changed here by change `changeId` (effective at once). */
  putLocal(officer: Officer, changeId: string): Promise<void>;
  /** The server's answer to change `changeId`: applied (its updatedAt) or refused (the local record goes). */
  settle(changeId: string, outcome: { appliedAt: string } | 'refused'): Promise<void>;
  /** Calls back when any officer may have changed (pulled or changed here). */
  onChange(listener: () => void): () => void;
}

export function createOfficerRecords(directory: DirectoryRepository, db: DirectoryDatabase): OfficerRecords {
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  const serial = createSerialQueue();

  const load = async (): Promise<LocalChanges> => {
    const parsed = localChangesSchema.safeParse((await directory.getSetting(LOCAL_OFFICERS_SETTING)) ?? {});
    return parsed.success ? parsed.data : {};
  };
  const save = (changes: LocalChanges) => directory.setSetting(LOCAL_OFFICERS_SETTING, changes);

  /** The local record while the pulled one does not include its change yet. */
  const effective = (pulled: Officer | null, local: LocalChange | undefined): Officer | null => {
    if (!local) return pulled;
    if (pulled && local.appliedAt !== null && pulled.updatedAt >= local.appliedAt) return pulled;
    return local.officer;
  };

  return {
    async findOfficerByUsername(username) {
      const name = username.trim().toLowerCase();
      const local = Object.values(await load()).find((c) => c.officer.username === name);
      const pulled = await directory.findOfficerByUsername(name);
      if (local && pulled && local.officer.id !== pulled.id) return pulled;
      return effective(pulled, local);
    },
    async get(id) {
      const local = (await load())[id];
      const pulled = (await directory.listOfficers()).find((o) => o.id === id) ?? null;
      return effective(pulled, local);
    },
    async list() {
      const locals = await load();
      const pulled = await directory.listOfficers();
      const seen = new Set(pulled.map((o) => o.id));
      const merged = pulled.map((o) => effective(o, locals[o.id]) ?? o);
      for (const local of Object.values(locals)) if (!seen.has(local.officer.id)) merged.push(local.officer);
      return merged.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
    },
    putLocal: (officer, changeId) =>
      serial(async () => {
        await save({ ...(await load()), [officer.id]: { officer, changeId, appliedAt: null } });
        emit();
      }),
    settle: (changeId, outcome) =>
      serial(async () => {
        const changes = await load();
        const entry = Object.entries(changes).find(([, c]) => c.changeId === changeId);
        if (!entry) return;
        const [id, local] = entry;
        if (outcome === 'refused') delete changes[id];
        else changes[id] = { ...local, appliedAt: outcome.appliedAt };
        await save(changes);
        emit();
      }),
    onChange(listener) {
      listeners.add(listener);
      const sub = db.officers.$.subscribe(() => listener());
      return () => {
        listeners.delete(listener);
        sub.unsubscribe();
      };
    },
  };
}
