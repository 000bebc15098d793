import { z } from 'zod';
import { adminPasswordSchema, adminUsernameSchema } from '../../shared/admin/contract';
import { idSchema } from '../../shared/domain/primitives';
import type { Stores } from '../stores';

/** The admin console's commands of server/cli.ts, with their usage lines. */
export const ADMIN_COMMANDS = ['admin-create'];
export const ADMIN_USAGE = `  tsx server/cli.ts admin-create --username <name> --password-stdin [--office <officeId>]
      (a console admin: every office, or only --office; the password is read from standard input)`;

/** Standard input up to its end, without the final line break. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const argsSchema = z.object({
  username: adminUsernameSchema,
  office: idSchema.optional(),
  'password-stdin': z.literal(true, {
    error: '--password-stdin is required (never a password on the command line)',
  }),
});

/** `admin-create`: the first province admin (or another); answers the exit code. */
export async function runAdminCommand(
  _command: string,
  values: Record<string, unknown>,
  stores: Pick<Stores, 'admin'>,
  readPassword: () => Promise<string> = readStdin,
): Promise<number> {
  const args = argsSchema.safeParse(values);
  if (!args.success) throw new Error(z.prettifyError(args.error));
  const password = adminPasswordSchema.safeParse(await readPassword());
  if (!password.success) throw new Error('the password must be 10 to 200 characters');
  const created = await stores.admin.accounts.create(
    { username: args.data.username, password: password.data, officeId: args.data.office ?? null },
    'cli',
  );
  if (created === 'taken') {
    console.error(`admin ${args.data.username} already exists`);
    return 1;
  }
  console.log(
    `admin ${created.username} created (${created.officeId ? `office ${created.officeId}` : 'every office'}): sign in at <server>/console/`,
  );
  return 0;
}
