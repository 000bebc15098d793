import { AdminsPage } from '../features/admins/AdminsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { DevicesPage } from '../features/devices/DevicesPage';
import { OfficersPage } from '../features/officers/OfficersPage';
import { OfficesPage } from '../features/offices/OfficesPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SecurityPage } from '../features/session/SecurityPage';
import { StoragePage } from '../features/storage/StoragePage';
import { CatalogueConsolePage, HolidaysConsolePage } from './catalogue-pages';
import type { ConsolePage } from './page';

/**
 * The console's pages in menu order: one line per page. A new page is one more entry here, with its
 * strings added to app/i18n.ts or registered as its own bundle (addConsoleStrings).
 */
export const CONSOLE_PAGES: ConsolePage[] = [
  { key: 'offices', titleKey: 'nav.offices', component: OfficesPage },
  { key: 'officers', titleKey: 'nav.officers', component: OfficersPage, needsOffice: true },
  { key: 'devices', titleKey: 'nav.devices', component: DevicesPage },
  { key: 'catalogue', titleKey: 'nav.catalogue', component: CatalogueConsolePage },
  { key: 'holidays', titleKey: 'nav.holidays', component: HolidaysConsolePage },
  { key: 'reports', titleKey: 'consoleReports.nav', component: ReportsPage },
  { key: 'storage', titleKey: 'consoleReports.nav_storage', component: StoragePage, provinceOnly: true },
  { key: 'audit', titleKey: 'nav.audit', component: AuditPage },
  { key: 'admins', titleKey: 'nav.admins', component: AdminsPage, provinceOnly: true },
  { key: 'security', titleKey: 'nav.security', component: SecurityPage },
];
