import { describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent } from '../domain';
import { replay, sortEvents, validateHistory, verifyChain } from './chain';
import { decide } from './decide';
import type { Actor } from './decide';
import {
  DOSSIER_ID,
  OFFICE_ID,
  actorFor,
  at,
  dossierIn,
  ok,
  sampleCommand,
} from '../../tests/support/workflow-fixtures';
import { LIFE, editable, life, rehash, relink } from '../../tests/support/chain-fixtures';
import { canonicalJson } from './hash';

describe('replay', () => {
  it('rebuilds exactly the dossier decide() produced, after every step', () => {
    let dossier: Dossier | null = null;
    const events: DossierEvent[] = [];
    LIFE.forEach(([type, role], i) => {
      const result = ok(decide(dossier, sampleCommand(type, dossier, i), actorFor(role), at(i)));
      dossier = result.dossier;
      events.push(result.event);
      expect(replay(events)).toEqual(dossier);
    });
  });

  it('does not depend on the order the events are stored in', () => {
    expect(replay([...life.events].reverse())).toEqual(life.dossier);
  });

  it('survives storage that reorders keys (jsonb) and adds its own fields (RxDB)', () => {
    const stored = life.events.map((event) => {
      const reordered = JSON.parse(canonicalJson(event)) as DossierEvent; // keys sorted, not insertion order
      return { _rev: '1-abc', _meta: { lwt: 1 }, ...reordered };
    });
    expect(verifyChain(stored, { head: life.dossier.lastEventHash })).toEqual({ ok: true });
    expect(replay(stored)).toEqual(life.dossier);
    const history = validateHistory(stored);
    expect(history.ok && history.dossier).toEqual(life.dossier);
  });

  it('refuses to start from an event that creates nothing', () => {
    expect(() => replay(life.events.slice(1))).toThrow(/does not fit/);
    expect(() => replay([])).toThrow(/no events/);
  });
});

describe('verifyChain: tampering is detected', () => {
  const head = life.dossier.lastEventHash;

  it('accepts the untouched chain, in any stored order', () => {
    expect(verifyChain(life.events, { head })).toEqual({ ok: true });
    expect(verifyChain([...life.events].reverse(), { head })).toEqual({ ok: true });
  });

  const edits: [string, (event: DossierEvent) => void][] = [
    ['the time', (e) => (e.at = '2026-03-01T00:00:00.000Z')],
    ['the officer', (e) => (e.actorId = 'officer-other')],
    ['the role', (e) => (e.actorRole = 'supervisor')],
    ['the counter', (e) => (e.counterId = 'counter-9')],
    ['the type', (e) => (e.type = 'withdraw')],
    ['the target status', (e) => (e.to = 'stopped')],
    ['the source status', (e) => (e.from = 'stopped')],
    ['a payload field', (e) => ((e.payload as Record<string, unknown>).reason = 'khác')],
    [
      'the recorded changes',
      (e) => ((e.payload.changes as Record<string, unknown>).dueAt = '2027-01-01T00:00:00.000Z'),
    ],
    ['the seq', (e) => (e.seq += 1)],
    ['the parent', (e) => (e.prevHash = 'f'.repeat(64))],
  ];
  const positions = life.events.map((_event, i) => i);

  it.each(edits)('an edited %s, at every position', (_label, edit) => {
    for (const i of positions) {
      const events = editable(life.events);
      edit(events[i] as DossierEvent);
      const check = verifyChain(events, { head });
      expect(check.ok, `event ${i}`).toBe(false);
      expect(check.ok ? '' : check.eventId).toBe(life.events[i]?.id);
    }
  });

  it('an edited event whose hash the forger recomputed breaks its child’s link', () => {
    for (const i of positions) {
      const events = editable(life.events);
      events[i] = rehash({ ...(events[i] as DossierEvent), at: '2026-03-01T00:00:00.000Z' });
      const check = verifyChain(events, { head });
      expect(check.ok, `event ${i}`).toBe(false);
      const expectedId = i === positions.length - 1 ? life.events[i]?.id : life.events[i + 1]?.id;
      expect(check.ok ? '' : check.eventId).toBe(expectedId);
    }
  });

  it('a removed event, at every position (the newest one through the dossier head)', () => {
    for (const i of positions) {
      const events = life.events.filter((_event, j) => j !== i);
      const check = verifyChain(events, { head });
      expect(check.ok, `removed ${i}`).toBe(false);
    }
    expect(verifyChain(life.events.slice(1))).toMatchObject({ ok: false, reason: 'no root event' });
    expect(verifyChain(life.events.slice(0, -1))).toEqual({ ok: true }); // without the head, a truncation looks whole
  });

  it('re-ordered events: swapped seq without re-hashing', () => {
    const events = editable(life.events);
    const [a, b] = [events[3] as DossierEvent, events[4] as DossierEvent];
    [a.seq, b.seq] = [b.seq, a.seq];
    expect(verifyChain(events, { head }).ok).toBe(false);
  });

  it('re-ordered events re-linked by a careful forger pass the hashes but not the rules', () => {
    // approve before appraise: every hash and link is consistent, the history is not.
    const swapped = [...life.events];
    [swapped[3], swapped[4]] = [swapped[4] as DossierEvent, swapped[3] as DossierEvent];
    const forged = relink(swapped.map((event) => ({ ...event })));
    expect(verifyChain(forged)).toEqual({ ok: true });
    expect(validateHistory(forged)).toMatchObject({ ok: false, eventId: life.events[4]?.id });
  });

  it.each([
    [
      'a duplicated event id',
      (events: DossierEvent[]) => [...events, events[2] as DossierEvent],
      'duplicate event id',
    ],
    [
      'an event of another dossier',
      (events: DossierEvent[]) => [
        ...events.slice(0, 2),
        rehash({ ...(events[2] as DossierEvent), dossierId: 'dossier-2' }),
      ],
      'event of another dossier',
    ],
    [
      'a second root',
      (events: DossierEvent[]) => [
        ...events,
        rehash({ ...(events[0] as DossierEvent), id: 'evt-other-root' }),
      ],
      'more than one root',
    ],
    [
      'a creating command in the middle',
      (events: DossierEvent[]) => [
        ...events,
        rehash({
          ...(events[0] as DossierEvent),
          id: 'evt-x',
          seq: 8,
          prevHash: (events[6] as DossierEvent).hash,
        }),
      ],
      'creating command that is not the root',
    ],
    [
      'a root that does not create',
      (events: DossierEvent[]) => [rehash({ ...(events[1] as DossierEvent), seq: 1, prevHash: '' })],
      'root is not a creating command',
    ],
    ['nothing at all', () => [], 'no events'],
  ] as const)('rejects %s', (_label, tamper, reason) => {
    expect(verifyChain(tamper(editable(life.events)))).toMatchObject({ ok: false, reason });
  });

  it('rejects a re-hashed event whose seq skips its parent’s', () => {
    const events = editable(life.events);
    events[6] = rehash({ ...(events[6] as DossierEvent), seq: 9 });
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      eventId: life.events[6]?.id,
      reason: 'seq is not parent seq + 1',
    });
  });

  it('rejects a malformed event', () => {
    const events = editable(life.events);
    (events[2] as { hash: string }).hash = 'short';
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      eventId: life.events[2]?.id,
      reason: 'malformed event',
    });
  });
});

describe('concurrent counters: the chain is a tree', () => {
  const received = dossierIn('received');
  const root = received.events[0] as DossierEvent;

  /** Two counters act offline on the same received dossier, each knowing only the root. */
  function fork(
    left: [Record<string, unknown>, Actor],
    right: [Record<string, unknown>, Actor],
  ): { a: DossierEvent; b: DossierEvent } {
    const a = ok(decide(received.dossier, left[0], left[1], at(1))).event;
    const b = ok(decide(received.dossier, right[0], right[1], at(2))).event;
    return { a, b };
  }

  const edit = (eventId: string, applicant: object) => ({
    type: 'edit_details',
    dossierId: DOSSIER_ID,
    officeId: OFFICE_ID,
    eventId,
    applicant,
  });
  const editPhone = edit('evt-a', { phone: '0987654321' });
  const editEmail = edit('evt-b', { email: 'an@example.vn' });

  it('a fork verifies, replays both sides and validates', () => {
    const { a, b } = fork(
      [editPhone, actorFor('receiver', { counterId: 'counter-1' })],
      [
        { ...sampleCommand('apologize_extend', received.dossier), eventId: 'evt-b' },
        actorFor('approver', { counterId: 'counter-2' }),
      ],
    );
    expect(a.prevHash).toBe(root.hash);
    expect(b.prevHash).toBe(root.hash);
    expect([a.seq, b.seq]).toEqual([2, 2]);
    const events = [root, a, b];
    expect(verifyChain(events)).toEqual({ ok: true });

    const merged = replay(events);
    expect(merged).toMatchObject({
      status: 'received',
      dueAt: at(72),
      originalDueAt: at(48),
      eventCount: 2,
      lastEventHash: b.hash,
    });
    expect(merged.applicant.phone).toBe('0987654321');

    // The appraiser, after sync, continues from the merged dossier.
    const next = ok(
      decide(
        merged,
        { ...sampleCommand('appraise', merged), eventId: 'evt-c' },
        actorFor('appraiser'),
        at(3),
      ),
    );
    expect(next.event).toMatchObject({ seq: 3, prevHash: b.hash });
    const all = [root, a, b, next.event];
    expect(verifyChain(all, { head: next.dossier.lastEventHash })).toEqual({ ok: true });
    expect(replay(all)).toEqual(next.dossier);
    const history = validateHistory(all);
    expect(history.ok && history.dossier).toEqual(next.dossier);
    expect(sortEvents(all).map((e) => e.id)).toEqual([root.id, 'evt-a', 'evt-b', 'evt-c']);
  });

  it('two counters editing different contact fields offline both keep their change', () => {
    const { a, b } = fork(
      [editPhone, actorFor('receiver')],
      [editEmail, actorFor('supervisor', { counterId: 'counter-2' })],
    );
    const events = [root, b, a];
    expect(verifyChain(events)).toEqual({ ok: true });
    expect(replay(events).applicant).toMatchObject({
      phone: '0987654321',
      email: 'an@example.vn',
      fullName: 'Nguyễn Văn Ân',
    });
    expect(validateHistory(events).ok).toBe(true);
  });

  it('a same-status event on one branch stays valid after the other branch moved the status', () => {
    // a: appraise (received → appraised); b: edit recorded as received → received on its branch.
    const appraise = { ...sampleCommand('appraise', received.dossier), eventId: 'evt-a' };
    const { a, b } = fork(
      [appraise, actorFor('appraiser')],
      [editEmail, actorFor('receiver', { counterId: 'counter-2' })],
    );
    const events = [root, a, b];
    expect(b).toMatchObject({ from: 'received', to: 'received' });
    const history = validateHistory(events);
    expect(history.ok).toBe(true);
    expect(replay(events)).toMatchObject({ status: 'appraised', applicant: { email: 'an@example.vn' } });
  });

  it('two conflicting steps on the same status: the later one is reported for the supervisor', () => {
    const appraise = { ...sampleCommand('appraise', received.dossier), eventId: 'evt-a' };
    const refuse = { ...sampleCommand('refuse', received.dossier), eventId: 'evt-b' };
    const { a, b } = fork(
      [appraise, actorFor('appraiser')],
      [refuse, actorFor('appraiser', { officerId: 'officer-2' })],
    );
    expect(verifyChain([root, a, b])).toEqual({ ok: true }); // structurally sound
    const reported = { ok: false, eventId: 'evt-b', code: 'workflow.event_mismatch' };
    expect(validateHistory([root, a, b])).toMatchObject(reported);
    // As the server checks it when the refusal was stored first: the appraisal comes later and sorts
    // before it (evt-a < evt-b), so the stored refusal after it is decided again.
    expect(validateHistory([root, b], { trusted: 1 }).ok).toBe(true);
    expect(validateHistory([root, b, a], { trusted: 2 })).toMatchObject(reported);
  });
});
