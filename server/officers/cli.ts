import type { Stores } from '../stores';

/** The officer commands of server/cli.ts, with their usage lines. */
export const OFFICER_COMMANDS = ['officer-password', 'officer-deactivate', 'officer-activate'];
export const OFFICER_USAGE = `  tsx server/cli.ts officer-password --officer <officerId> [--one-time]
      (prints a generated password; --one-time: the officer must set their own at first login)
  tsx server/cli.ts officer-deactivate --officer <officerId>   (every counter, at its next sync)
  tsx server/cli.ts officer-activate --officer <officerId>`;

/**
 * Runs an officer command as the province admin; answers the exit code. The change reaches the
 * office's counters with their next sync, like the catalogue.
 */
export async function runOfficerCommand(
  command: string,
  values: { officer?: string; 'one-time'?: boolean },
  stores: Pick<Stores, 'officers'>,
): Promise<number> {
  const officerId = values.officer;
  if (!officerId) throw new Error('--officer is required');
  if (command === 'officer-password') {
    const oneTime = values['one-time'] === true;
    const password = await stores.officers.resetPassword(officerId, 'cli', oneTime);
    console.log(
      `${oneTime ? 'one-time password' : 'password'} for officer ${officerId}: ${password}` +
        (oneTime ? '  (the officer sets their own at first login)' : ''),
    );
    return 0;
  }
  const active = command === 'officer-activate';
  await stores.officers.setActive(officerId, active, 'cli');
  console.log(`officer ${officerId} ${active ? 'activated' : 'deactivated'} (counters at their next sync)`);
  return 0;
}
