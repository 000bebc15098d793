// The gate in front of the main process's handlers: every call is checked for its sender frame and
// its argument before any handler runs, and every answer is checked against the contract before it
// leaves. main.ts binds this to ipcMain.handle for each channel of the contract.
import type { z } from 'zod';
import {
  type DesktopHandlers,
  type IpcCall,
  type IpcEnvelope,
  type IpcErrorCode,
  desktopContract,
  methodOfChannel,
  noArgsSchema,
} from '../../shared/ipc/contract';
import { isTrustedSender } from '../security/policy';

export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

function failure(code: IpcErrorCode, message: string): IpcEnvelope<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}

export interface IpcRouter {
  handle(channel: string, frame: SenderFrame | null, rawArgs: unknown): Promise<IpcEnvelope>;
}

/**
 * Order matters: the sender is checked before the arguments are even looked at, so a foreign frame
 * learns nothing about the contract.
 */
export function createIpcRouter(
  handlers: DesktopHandlers,
  onError: (channel: string, code: IpcErrorCode, message: string) => void = () => {},
): IpcRouter {
  return {
    async handle(channel, frame, rawArgs) {
      const refuse = (code: IpcErrorCode, message: string) => {
        onError(channel, code, message);
        return failure(code, message);
      };
      if (!isTrustedSender(frame)) return refuse('forbidden_sender', 'the sender frame is not the app');
      const method = methodOfChannel(channel);
      if (method === null) return refuse('unknown_channel', `no channel named ${JSON.stringify(channel)}`);
      const call: IpcCall = desktopContract[method];
      const args = (call.args ?? noArgsSchema).safeParse(rawArgs);
      if (!args.success) return refuse('bad_arguments', describeIssues(args.error));
      try {
        const handler = handlers[method] as (parsed: unknown) => unknown;
        const value = await handler(args.data);
        if (call.result === null) return { ok: true, value: null };
        const result = call.result.safeParse(value);
        if (!result.success) return refuse('failed', `invalid result: ${describeIssues(result.error)}`);
        return { ok: true, value: result.data };
      } catch (error) {
        return refuse('failed', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
