import type { Dossier } from '../../../shared/domain';
import type { Session } from '../session/service';
import { serviceContext, useRequired } from '../service-context';

/** What the yearly register screen needs: its rows and printing it (form 06). */
export interface RegisterService {
  /** The dossiers received in `year` (Vietnam time) that hold a code. */
  register(year: number): Promise<Dossier[]>;
  print(year: number, session: Session): Promise<void>;
}

export const RegisterServiceContext = serviceContext<RegisterService>();
export const useRegisterService = (): RegisterService =>
  useRequired(RegisterServiceContext, 'RegisterService');
