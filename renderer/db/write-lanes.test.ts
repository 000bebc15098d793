import { describe, expect, it } from 'vitest';
import { writeLanesOf, yieldToForeground } from './write-lanes';

describe('write lanes', () => {
  it('a background writer waits while a foreground write is pending', async () => {
    const lanes = writeLanesOf({});
    const order: string[] = [];
    let finish!: () => void;
    const step = lanes.foreground(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            order.push('step');
            resolve();
          };
        }),
    );
    const background = lanes.foregroundIdle().then(() => order.push('background'));
    await yieldToForeground();
    expect(order).toEqual([]);
    finish();
    await Promise.all([step, background]);
    expect(order).toEqual(['step', 'background']);
    await lanes.foregroundIdle(); // none pending: at once
  });

  it('tells when the last bulk ends, once, and each database has its own lanes', () => {
    const db = {};
    const lanes = writeLanesOf(db);
    expect(writeLanesOf(db)).toBe(lanes);
    expect(writeLanesOf({})).not.toBe(lanes);
    let ended = 0;
    const stop = lanes.onBulkEnd(() => ended++);
    const first = lanes.beginBulk();
    const second = lanes.beginBulk();
    expect(lanes.bulkActive).toBe(true);
    first();
    first();
    expect(ended).toBe(0);
    second();
    expect(lanes.bulkActive).toBe(false);
    expect(ended).toBe(1);
    stop();
    lanes.beginBulk()();
    expect(ended).toBe(1);
  });
});
