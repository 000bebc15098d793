import type { Dossier } from '../../../shared/domain';
import { useLive } from '../../app/useAsync';
import { ScanCard } from './ScanCard';
import { useScansService } from './service';

/** At intake, right after the receipt: digitise each document handed in (offline, per document). */
export function IntakeScans({ dossier }: { dossier: Dossier }) {
  const scans = useScansService();
  const events = useLive(() => scans.listEvents(dossier.id), [dossier.id]);
  return <ScanCard dossier={dossier} events={events.data ?? []} canAttach={dossier.documents.length > 0} />;
}
