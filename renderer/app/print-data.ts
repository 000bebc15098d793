import type { Dossier, DossierEvent } from '../../shared/domain';
import { createSealPayload, generateDeviceKeyPair } from '../../shared/verification';
import { bytesToBase64url, base64urlToBytes } from '../../shared/verification/base64url';
import type { CounterRepository, DirectoryRepository } from '../db';
import { renderForm, type FormDataMap, type FormKind } from '../print';
import { i18next } from '../i18n';
import type { Session } from '../features/session/service';
import { printHtml } from './printing';

/** The device's result-seal key (web mode keeps it in the replica; the desktop shell keeps its own). */
const SEAL_KEY_SETTING = 'app.sealKey';

function lastEvent(events: DossierEvent[], types: string[]): DossierEvent | undefined {
  return [...events].reverse().find((e) => types.includes(e.type));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

async function sealKey(repo: DirectoryRepository): Promise<{ secretKey: Uint8Array; keyId: string }> {
  const stored = await repo.getSetting<{ secretKey: string; keyId: string }>(SEAL_KEY_SETTING);
  if (stored) return { secretKey: base64urlToBytes(stored.secretKey), keyId: stored.keyId };
  const pair = generateDeviceKeyPair();
  await repo.setSetting(SEAL_KEY_SETTING, { secretKey: bytesToBase64url(pair.secretKey), keyId: pair.keyId });
  return { secretKey: pair.secretKey, keyId: pair.keyId };
}

export type PrintForm = (
  form: FormKind,
  dossier: Dossier | null,
  session: Session,
  extra?: Record<string, unknown>,
) => Promise<void>;

/**
 * The printed forms' data from the replica, and printing them. The printing feature replaces this
 * module with its own form-data builders.
 */
export function createPrinter(deps: {
  need: () => CounterRepository;
  directory: DirectoryRepository;
  register: (year: number) => Promise<Dossier[]>;
}): PrintForm {
  const { need, directory } = deps;
  const services = { register: deps.register };

  async function printData(
    form: FormKind,
    dossier: Dossier | null,
    session: Session,
    extra: Record<string, unknown>,
  ) {
    const office = session.office;
    const signer = { fullName: session.officer.fullName, title: session.officer.title };
    if (form === '06') {
      const year = Number(extra.year ?? new Date().getFullYear());
      const rows = await services.register(year);
      const data: FormDataMap['06'] = {
        office,
        year,
        entries: rows.map((d) => ({ dossier: d, leadAgency: office.name })),
      };
      return data;
    }
    if (!dossier) throw new Error('dossier required');
    const events = await need().eventsOf(dossier.id);
    const procedure = await directory.getProcedure(dossier.procedureId);
    switch (form) {
      case '01':
        return {
          office,
          dossier,
          procedure,
          receiver: {
            fullName:
              lastEvent(events, ['receive', 'complete_intake'])?.actorName ?? session.officer.fullName,
          },
        } satisfies FormDataMap['01'];
      case '02': {
        const e = lastEvent(events, ['request_supplement', 'record_incomplete']);
        const payload = e?.payload ?? {};
        const list = (
          Array.isArray(payload.documents) && e?.type === 'request_supplement'
            ? payload.documents
            : payload.missingDocuments
        ) as { name: string; reason?: string; note?: string }[] | undefined;
        return {
          office,
          dossier,
          officer: { fullName: e?.actorName ?? signer.fullName },
          items: (list ?? []).map((i) => ({ name: i.name, requirement: i.reason ?? i.note ?? '' })),
          reason:
            str(payload.reason) ||
            str(payload.notes) ||
            (list ?? [])
              .map((i) => i.reason ?? '')
              .filter(Boolean)
              .join('; '),
        } satisfies FormDataMap['02'];
      }
      case '03': {
        const e = lastEvent(events, ['refuse_intake', 'refuse']);
        return {
          office,
          dossier,
          officer: { fullName: e?.actorName ?? signer.fullName },
          reason: str(e?.payload.reason),
        } satisfies FormDataMap['03'];
      }
      case '04': {
        const e = lastEvent(events, ['apologize_extend']);
        return {
          office,
          dossier,
          reason: str(e?.payload.reason),
          newDueAt: str(e?.payload.newDueAt) || dossier.dueAt,
          head: { fullName: e?.actorName ?? signer.fullName },
        } satisfies FormDataMap['04'];
      }
      case '05':
        return { office, dossier, events, procedure } satisfies FormDataMap['05'];
      case 'result': {
        if (!dossier.result) throw new Error('no result');
        const key = await sealKey(directory);
        const sealPayload = createSealPayload(
          {
            code: dossier.code,
            officeAgencyCode: office.agencyCode,
            issuedAt: dossier.result.date,
            resultNumber: dossier.result.number,
          },
          key.secretKey,
          key.keyId,
        );
        const e = lastEvent(events, ['seal']);
        return {
          office,
          dossier,
          sealPayload,
          officer: { fullName: e?.actorName ?? signer.fullName },
        } satisfies FormDataMap['result'];
      }
    }
    throw new Error(`unknown form ${String(form)}`);
  }

  return async (form, dossier, session, extra = {}) => {
    const data = await printData(form, dossier, session, extra);
    const html = await renderForm(form, data as never, i18next.language === 'en' ? 'en' : 'vi');
    // Forms are A5; the register is A4 landscape.
    await printHtml(form, html, { pageSize: form === '06' ? 'A4' : 'A5', landscape: form === '06' });
  };
}
