import type { Dossier } from '../../../shared/domain';
import { vnDayStartIso, type Replica } from '../../db';
import type { Session } from '../session/service';
import type { RegisterService } from './service';

/** A year's intake fits well below this; the bound keeps a damaged replica from stalling the screen. */
const REGISTER_LIMIT = 100_000;

/** The register's rows: the year's dossiers that hold a code (incomplete and refused intakes have none). */
export async function registerOf(replica: Replica, year: number): Promise<Dossier[]> {
  const rows = await replica
    .data()
    .listReceivedBetween(vnDayStartIso(`${year}-01-01`), vnDayStartIso(`${year + 1}-01-01`), REGISTER_LIMIT);
  return rows.filter((d) => d.code !== '');
}

export function createRegisterService(deps: {
  replica: Replica;
  print: (year: number, session: Session) => Promise<void>;
}): RegisterService {
  return {
    register: (year) => registerOf(deps.replica, year),
    print: deps.print,
  };
}
