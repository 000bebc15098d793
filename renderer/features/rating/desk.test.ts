import { afterEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/domain';
import { decide } from '../../../shared/workflow/decide';
import { actorFor, at, unratedReturn } from '../../../tests/support/workflow-fixtures';
import type { Session } from '../session/service';
import { createRatingDesk, type RatingDesk } from './desk';
import { openRatingPort, PRESENCE_TTL_MS, type RatingPort } from './messages';
import { createScreenLink, type ScreenLink } from './screen-link';

/** Resolves once `read()` satisfies `ok`, checked now and on every change (no sleeping). */
function until<T>(
  source: { get(): T; subscribe(l: () => void): () => void },
  ok: (s: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    if (ok(source.get())) return resolve(source.get());
    const off = source.subscribe(() => {
      if (!ok(source.get())) return;
      off();
      resolve(source.get());
    });
  });
}

const session = { role: 'receiver', office: { id: 'office-1' } } as unknown as Session;
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const item of opened.splice(0)) item.close();
});

/** A counter desk recording through the real workflow onto a returned, unrated dossier. */
function counter(extra: { now?: () => number; every?: (tick: () => void) => () => void } = {}) {
  const box: { dossier: Dossier } = { dossier: unratedReturn().dossier };
  const desk: RatingDesk = createRatingDesk({
    port: openRatingPort(),
    async record(dossierId, rating) {
      const result = decide(
        box.dossier,
        { type: 'rate', dossierId, officeId: 'office-1', rating },
        actorFor('receiver'),
        at(9),
      );
      if (!result.ok) throw new Error(result.error.code);
      box.dossier = result.dossier;
    },
    openScreen: async () => ({ opened: true, display: 'primary' }),
    ...(extra.now ? { now: extra.now } : {}),
    ...(extra.every ? { every: extra.every } : {}),
  });
  opened.push(desk);
  return { desk, box };
}

function screen(id = 'screen-1'): ScreenLink {
  const link = createScreenLink({ port: openRatingPort(), screenId: id });
  opened.push(link);
  return link;
}

describe('the rating desk and the rating screen over a BroadcastChannel', () => {
  it('asks the citizen about the dossier just returned and records the answer as a rate step', async () => {
    const { desk, box } = counter();
    const link = screen();
    await until(desk, (s) => s.attached);
    desk.ask(box.dossier, session);
    expect(desk.get().waiting).toEqual([box.dossier.id]);
    const asked = await until(link, (s) => s.phase === 'asking');
    expect(asked.question).toMatchObject({ dossierId: box.dossier.id, code: box.dossier.code });
    link.rate({ level: 'dissatisfied', reason: 'Phải chờ lâu' });
    await until(link, (s) => s.phase === 'thanks');
    expect(box.dossier.rating).toEqual({ level: 'dissatisfied', reason: 'Phải chờ lâu' });
    expect(desk.get().waiting).toEqual([]);
  });

  it('a screen opened after the return shows the question still waiting', async () => {
    const { desk, box } = counter();
    desk.ask(box.dossier, session);
    const link = screen('late-screen');
    const asked = await until(link, (s) => s.phase === 'asking');
    expect(asked.question?.dossierId).toBe(box.dossier.id);
  });

  it('forgets a question when the counter window that asked it is reopened', async () => {
    const first = counter();
    const link = screen();
    await until(first.desk, (s) => s.attached);
    first.desk.ask(first.box.dossier, session);
    await until(link, (s) => s.phase === 'asking');
    first.desk.close();
    opened.splice(opened.indexOf(first.desk), 1);
    const second = counter();
    await until(link, (s) => s.phase === 'idle');
    await until(second.desk, (s) => s.attached);
  });

  it('says why a rating was not recorded, and keeps the question for another try', async () => {
    const { desk, box } = counter();
    const link = screen();
    await until(desk, (s) => s.attached);
    // Rated at the counter meanwhile: the workflow refuses a second rating.
    box.dossier = { ...box.dossier, rating: { level: 'satisfied', reason: '' } };
    desk.ask(box.dossier, session);
    await until(link, (s) => s.phase === 'asking');
    link.rate({ level: 'very_satisfied' });
    const failed = await until(link, (s) => s.phase === 'failed');
    expect(failed.message).toBe('workflow.already_rated');
    expect(desk.get().failed).toEqual({ dossierId: box.dossier.id, message: 'workflow.already_rated' });
    expect(desk.get().waiting).toEqual([box.dossier.id]);
  });

  it('records nothing it did not ask, and ignores what is not a rating message', async () => {
    const { desk, box } = counter();
    const forger: RatingPort = openRatingPort();
    opened.push(forger);
    const answer = new Promise<unknown>((resolve) =>
      forger.addEventListener('message', (event) => resolve(event.data)),
    );
    // Not a message of ours (an empty screen id): ignored, so no screen counts as attached.
    (forger as unknown as { postMessage(v: unknown): void }).postMessage({ kind: 'present', screenId: '' });
    forger.postMessage({
      kind: 'rated',
      dossierId: box.dossier.id,
      rating: { level: 'satisfied', reason: '' },
    });
    expect(await answer).toEqual({
      kind: 'recorded',
      dossierId: box.dossier.id,
      ok: false,
      message: 'not_asked',
    });
    expect(box.dossier.rating).toBeNull();
    expect(desk.get().attached).toBe(false);
  });

  it('is detached when the screen closes, or stops answering', async () => {
    let clock = 0;
    const ticks: (() => void)[] = [];
    const { desk } = counter({
      now: () => clock,
      every: (tick) => {
        ticks.push(tick);
        return () => undefined;
      },
    });
    const first = screen('a');
    await until(desk, (s) => s.attached);
    first.close();
    opened.splice(opened.indexOf(first), 1);
    await until(desk, (s) => !s.attached);
    screen('b');
    await until(desk, (s) => s.attached);
    clock += PRESENCE_TTL_MS + 1;
    for (const tick of ticks) tick();
    expect(desk.get().attached).toBe(false);
  });
});
