// Sandboxed preload: exposes `window.motcua`, one function per task (shared/ipc/bridge.ts).
// Never ipcRenderer itself, never a generic send/invoke: the page cannot name a channel.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, createDesktopBridge } from '../shared/ipc/bridge';

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createDesktopBridge((channel, args) => ipcRenderer.invoke(channel, args)),
);
