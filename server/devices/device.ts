import type { DeviceRole } from '../../shared/sync/contract';

/** An enrolled device (a counter PC or a province admin's), as an authenticated request carries it. */
export interface Device {
  id: string;
  officeId: string;
  counterId: string;
  role: DeviceRole;
  name: string;
}
