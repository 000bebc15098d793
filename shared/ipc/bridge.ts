// Both ends of the preload's bridge, built from the desktop contract: what the preload exposes as
// `window.motcua`, and the typed API the renderer gets by unwrapping it. The preload only forwards
// calls; the main process does all validation.
import {
  type IpcChannel,
  type IpcEnvelope,
  type IpcErrorCode,
  type IpcMethod,
  type IpcOneWayMethod,
  type IpcParams,
  type IpcResult,
  IPC_METHODS,
  desktopContract,
} from './contract';

/** Name of the global the preload defines in the renderer's main world. */
export const BRIDGE_GLOBAL = 'motcua';

/**
 * The renderer's API to the outside of the page, one method per call of the contract. One-way calls
 * return nothing and never fail. Both renderer platforms (desktop and web) satisfy it.
 */
export type DesktopApi = {
  readonly [M in IpcMethod]: (
    ...args: IpcParams<M>
  ) => M extends IpcOneWayMethod ? void : Promise<IpcResult<M>>;
};

/**
 * What the preload exposes as `window.motcua`: one narrow function per call, each answering the
 * main process's envelope as is. Envelopes, not thrown errors, because contextBridge keeps only
 * the message of an Error crossing worlds and the renderer needs the code.
 */
export type DesktopBridge = { readonly kind: 'desktop' } & {
  readonly [M in IpcMethod]: (...args: IpcParams<M>) => Promise<IpcEnvelope<IpcResult<M>>>;
};

/** Thrown in the renderer when the main process answers with an error envelope. */
export class IpcCallError extends Error {
  constructor(
    readonly channel: IpcChannel,
    readonly code: IpcErrorCode | 'bad_envelope',
    message: string,
  ) {
    super(`${channel}: ${message}`);
    this.name = 'IpcCallError';
  }
}

/**
 * Builds the bridge over `invoke(channel, args)` (ipcRenderer.invoke in the preload). A call that
 * takes no argument sends `undefined` whatever the page passes.
 */
export function createDesktopBridge(
  invoke: (channel: IpcChannel, args: unknown) => Promise<unknown>,
): DesktopBridge {
  const bridge: Record<string, unknown> = { kind: 'desktop' };
  for (const method of IPC_METHODS) {
    const { channel, args } = desktopContract[method];
    bridge[method] =
      args === null ? () => invoke(channel, undefined) : (value: unknown) => invoke(channel, value);
  }
  return Object.freeze(bridge) as DesktopBridge;
}

/** The value of an envelope, or IpcCallError with the main process's code. */
function unwrap(channel: IpcChannel, answer: unknown): unknown {
  const envelope = answer as { ok?: unknown; value?: unknown; error?: unknown } | null;
  if (envelope && envelope.ok === true) return envelope.value;
  const error = envelope?.error as { code?: IpcErrorCode; message?: string } | undefined;
  if (envelope && envelope.ok === false && error && typeof error.code === 'string') {
    throw new IpcCallError(channel, error.code, String(error.message ?? ''));
  }
  throw new IpcCallError(channel, 'bad_envelope', 'unexpected answer from the main process');
}

/** The renderer's side: unwraps envelopes into values; one-way calls drop their failures. */
export function desktopApiFrom(bridge: DesktopBridge): DesktopApi {
  const api: Record<string, unknown> = {};
  for (const method of IPC_METHODS) {
    const { channel, result } = desktopContract[method];
    const call = bridge[method] as (args?: unknown) => Promise<unknown>;
    const answer = async (args?: unknown) => unwrap(channel, await call(args));
    api[method] =
      result === null
        ? (args?: unknown) => {
            answer(args).catch(() => {});
          }
        : answer;
  }
  return Object.freeze(api) as DesktopApi;
}
