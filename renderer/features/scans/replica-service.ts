import { attachmentsOf, isScanMime, scanFileProblem } from '../../../shared/scans';
import { MAX_SCAN_BYTES } from '../../../shared/domain';
import { i18next } from '../../i18n';
import type { StepRunner } from '../steps/replica-service';
import type { ScanHost } from './host';
import type { ScansService } from './service';
import { registerScansI18n } from './i18n';

/** The scans service over this counter's scan store and step runner. */
export function createScansService(deps: {
  host: ScanHost;
  run: StepRunner;
  listEvents: ScansService['listEvents'];
}): ScansService {
  const { host, run } = deps;
  registerScansI18n(i18next);
  const store = () => {
    if (!host.store) throw new Error(i18next.t('auth.data_locked'));
    return host.store;
  };
  return {
    listEvents: deps.listEvents,
    attachmentsOf,
    async attach(dossier, documentId, file, session) {
      const problem = scanFileProblem(file);
      if (problem || !isScanMime(file.type))
        throw new Error(i18next.t(problem ?? 'scan.type_not_allowed', { max: MAX_SCAN_BYTES / 1024 / 1024 }));
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sha256 = await store().put(bytes, file.type);
      await run(
        {
          type: 'attach_scan',
          dossierId: dossier.id,
          sha256,
          size: bytes.byteLength,
          mime: file.type,
          name: file.name.slice(0, 200) || 'scan',
          documentId,
          attachedAt: new Date().toISOString(),
        },
        session,
      );
    },
    local: (attachment) => store().get(attachment.sha256),
    async open(attachment) {
      const local = await store().get(attachment.sha256);
      if (local) return local;
      const uploader = host.uploader;
      if (!uploader) throw new Error(i18next.t('scan.offline_not_here'));
      try {
        return await uploader.fetchRemote(attachment.sha256, attachment.mime);
      } catch (error) {
        const key =
          error instanceof Error && error.message.startsWith('scan.') ? error.message : 'scan.fetch_failed';
        throw new Error(i18next.t(key));
      }
    },
    queue$: host.queue$,
  };
}
