import type { Stores } from '../stores';

/**
 * The demo province admin (SEED_DEMO=1, `cli.ts seed-demo`): a documented account for trying the
 * console on a demo server (README "Trying it"). Never seeded on a real server.
 */
export const DEMO_ADMIN = { username: 'quantri.demo', password: 'quantri-demo-1234' } as const;

/** Creates the demo admin if missing; answers whether it was created now. */
export async function seedDemoAdmin(stores: Pick<Stores, 'admin'>): Promise<boolean> {
  const created = await stores.admin.accounts.create({ ...DEMO_ADMIN, officeId: null }, 'seed-demo');
  return created !== 'taken';
}

/** The lines printed for a newcomer: where the console is and how to sign in. */
export function demoAdminMessage(serverUrl: string): string {
  return `Admin console: ${serverUrl}/console/ — demo province admin ${DEMO_ADMIN.username} / ${DEMO_ADMIN.password}`;
}
