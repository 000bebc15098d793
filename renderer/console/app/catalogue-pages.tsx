import { ADMIN_API } from '../../../shared/admin/contract';
import { CataloguePage } from '../features/catalogue/CataloguePage';
import { createCatalogueHttpService } from '../features/catalogue/http-service';
import { HolidaysPage } from '../features/holidays/HolidaysPage';
import { createHolidaysHttpService } from '../features/holidays/http-service';
import { sessionToken } from './api';
import type { ConsolePageProps } from './page';

/** The console API beside the page, with this tab's admin session. */
const http = {
  baseUrl: new URL(ADMIN_API, location.origin).href,
  authHeaders: (): Record<string, string> => {
    const token = sessionToken.get();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
};
const catalogue = createCatalogueHttpService(http);
const holidays = createHolidaysHttpService(http);

/** The procedure catalogue: every admin reads it; only province admins import into it. */
export function CatalogueConsolePage({ me }: ConsolePageProps) {
  return <CataloguePage service={catalogue} canEdit={me.officeId === null} />;
}

/** The holiday schedules: every admin reads them; only province admins change them. */
export function HolidaysConsolePage({ me }: ConsolePageProps) {
  return <HolidaysPage service={holidays} canEdit={me.officeId === null} />;
}
