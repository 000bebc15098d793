import type { ComponentType } from 'react';
import type { AdminMe, AdminOffice } from '../../../shared/admin/contract';

/** What every console page is given by the shell. */
export interface ConsolePageProps {
  me: AdminMe;
  /** The offices this admin manages (one for an office admin). */
  offices: AdminOffice[];
  /** The office chosen in the header; null while there is none. */
  office: AdminOffice | null;
  selectOffice(id: string): void;
  reloadOffices(): void;
}

/** One entry of the console's navigation (app/pages.ts). */
export interface ConsolePage {
  key: string;
  /** i18n key of its menu label and title. */
  titleKey: string;
  component: ComponentType<ConsolePageProps>;
  /** Shown to province admins only. */
  provinceOnly?: boolean;
  /** Works on the office chosen in the header. */
  needsOffice?: boolean;
}
