import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, IPC_METHODS, desktopContract, methodOfChannel } from './contract';

describe('desktop contract: the channel table', () => {
  it('gives every method its own channel, and finds the method back from it', () => {
    expect(new Set(IPC_CHANNELS).size).toBe(IPC_METHODS.length);
    for (const method of IPC_METHODS) {
      expect(methodOfChannel(desktopContract[method].channel)).toBe(method);
    }
  });

  it('names channels as <area>.<action>, never like a method', () => {
    for (const channel of IPC_CHANNELS) expect(channel).toMatch(/^[a-z]+\.[A-Za-z]+$/);
    for (const method of IPC_METHODS) expect(methodOfChannel(method)).toBeNull();
  });

  it('knows no other channel', () => {
    for (const name of ['__proto__', 'constructor', 'toString', '', 'print', 'print.form ', 42, null]) {
      expect(methodOfChannel(name)).toBeNull();
    }
  });
});
