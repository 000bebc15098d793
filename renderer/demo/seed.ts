import type { Counter, Office } from '../../shared/domain';
import { SHIPPED_SCHEDULES } from '../../shared/calendar';
import { DEFAULT_CODE_LAYOUT, initCounterCodeState } from '../../shared/codes';
import {
  DEMO_COUNTER,
  DEMO_COUNTER_ID,
  DEMO_OFFICE,
  DEMO_OFFICE_ID,
  DEMO_PROCEDURES,
  DEMO_SECTORS,
  demoOfficers,
} from '../../shared/demo';
import { SETTING_KEYS, type CounterRepository } from '../db';

// The demo data lives in shared/demo (the server seeds the same office with SEED_DEMO=1).
export {
  DEMO_ACCOUNTS,
  DEMO_COUNTER,
  DEMO_COUNTER_ID,
  DEMO_OFFICE,
  DEMO_OFFICE_ID,
  DEMO_PASSWORD,
  demoOfficers,
  type DemoAccount,
} from '../../shared/demo';

/**
 * Writes the demo office, its counter, officers, catalogue, holiday schedules, the counter
 * identity and the code-allocator state. Idempotent: running it twice changes nothing.
 */
export async function seedDemoOffice(
  repo: CounterRepository,
  opts: { deviceId?: string } = {},
): Promise<{ office: Office; counter: Counter }> {
  const { db } = repo;
  await db.offices.bulkUpsert([DEMO_OFFICE]);
  await db.counters.bulkUpsert([DEMO_COUNTER]);
  await db.sectors.bulkUpsert(DEMO_SECTORS);
  await db.procedures.bulkUpsert(DEMO_PROCEDURES);
  await db.officers.bulkUpsert(demoOfficers());
  await repo.setSetting(SETTING_KEYS.holidaySchedules, SHIPPED_SCHEDULES);
  await repo.setSetting(SETTING_KEYS.counterIdentity, {
    officeId: DEMO_OFFICE_ID,
    counterId: DEMO_COUNTER_ID,
  });
  await repo.setSetting(SETTING_KEYS.provisioning, 'demo');
  if (!(await repo.getSetting(SETTING_KEYS.codeState))) {
    const deviceId = opts.deviceId ?? `web-${crypto.randomUUID()}`;
    await repo.initCodeState(
      initCounterCodeState({
        officeId: DEMO_OFFICE_ID,
        counterId: DEMO_COUNTER_ID,
        agencyCode: DEMO_OFFICE.agencyCode,
        deviceId,
        slot: 0,
        layout: DEFAULT_CODE_LAYOUT,
        epoch: crypto.randomUUID(),
        fallbackClosedThrough: null,
        // The app chose slot 0 itself: allowed for the demo office only (shared/codes slotFrom).
        slotFrom: 'local',
      }),
    );
  }
  return { office: DEMO_OFFICE, counter: DEMO_COUNTER };
}
