import { describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent } from '../domain';
import { replay, sortEvents, validateHistory, verifyChain } from './chain';
import { decide } from './decide';
import type { Actor, DecideResult } from './decide';
import {
  AUDIT_FORMAT_VECTOR,
  DOSSIER_ID,
  OFFICE_ID,
  actorFor,
  at,
  dossierIn,
  run,
  sampleCommand,
} from '../../tests/support/workflow-fixtures';
import { canonicalJson, cloneJson, computeEventHash, sameJson, useSha256 } from './hash';
import type { CommandType } from './transitions';

function ok(result: DecideResult): Extract<DecideResult, { ok: true }> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

/** A full life: receive, edit, apology, appraise, approve, seal, return (7 events). */
const LIFE: [CommandType, Parameters<typeof actorFor>[0]][] = [
  ['receive', 'receiver'],
  ['edit_details', 'receiver'],
  ['apologize_extend', 'approver'],
  ['appraise', 'appraiser'],
  ['approve', 'approver'],
  ['seal', 'sealer'],
  ['return_result', 'receiver'],
];
const life = run(LIFE);

/** A plain, editable copy of events (as an attacker with database access would have them). */
function editable(events: readonly DossierEvent[]): DossierEvent[] {
  return cloneJson(events as DossierEvent[]);
}

function rehash(event: DossierEvent): DossierEvent {
  return { ...event, hash: computeEventHash(event) };
}

/** Re-link a tampered sequence so every hash and prevHash is consistent again (a careful forger). */
function relink(events: DossierEvent[]): DossierEvent[] {
  const out: DossierEvent[] = [];
  events.forEach((event, i) => {
    const prev = out[i - 1];
    out.push(rehash({ ...event, seq: i + 1, prevHash: prev ? prev.hash : '' }));
  });
  return out;
}

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

  const editPhone = {
    type: 'edit_details',
    dossierId: DOSSIER_ID,
    officeId: OFFICE_ID,
    eventId: 'evt-a',
    applicant: { phone: '0987654321' },
  };
  const editEmail = {
    type: 'edit_details',
    dossierId: DOSSIER_ID,
    officeId: OFFICE_ID,
    eventId: 'evt-b',
    applicant: { email: 'an@example.vn' },
  };

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

describe('validateHistory: forged pushes are rejected', () => {
  const received = dossierIn('received');
  const last = received.events.at(-1) as DossierEvent;

  /** An event appended with a consistent hash and link, as a forging client would build it. */
  function forge(fields: Partial<DossierEvent>): DossierEvent {
    return rehash({ ...last, id: 'evt-forged', seq: last.seq + 1, prevHash: last.hash, ...fields, hash: '' });
  }

  it('rejects a “returned” the dossier never reached', () => {
    const forged = forge({
      type: 'return_result',
      from: 'received',
      to: 'returned',
      actorRole: 'receiver',
      payload: {
        ...sampleCommand('return_result', received.dossier),
        changes: { status: 'returned', assigneeRole: null, returnedAt: at(6), rating: null },
      },
    });
    const events = [...received.events, forged];
    expect(verifyChain(events)).toEqual({ ok: true });
    const refused = { ok: false, eventId: 'evt-forged', code: 'workflow.transition_not_allowed' };
    expect(validateHistory(events)).toMatchObject(refused);
    // As the server checks it, the stored events trusted: the new one is still decided.
    expect(validateHistory(events, { trusted: received.events.length })).toMatchObject(refused);
  });

  it('rejects a harmless-looking edit that changes the status', () => {
    const real = ok(
      decide(
        received.dossier,
        { ...sampleCommand('edit_details', received.dossier), eventId: 'evt-forged' },
        actorFor('receiver'),
        at(1),
      ),
    ).event;
    const forged = rehash({
      ...real,
      payload: { ...real.payload, changes: { ...(real.payload.changes as object), status: 'returned' } },
    });
    expect(validateHistory([...received.events, forged])).toMatchObject({
      ok: false,
      eventId: 'evt-forged',
      code: 'workflow.event_mismatch',
    });
  });

  it('rejects a step done in a role that may not do it', () => {
    const real = ok(
      decide(received.dossier, sampleCommand('appraise', received.dossier), actorFor('appraiser'), at(1)),
    ).event;
    const forged = rehash({ ...real, actorRole: 'receiver' });
    expect(validateHistory([...received.events, forged])).toMatchObject({
      ok: false,
      code: 'workflow.role_not_allowed',
    });
  });

  it('rejects a skipped step re-linked to look whole (seal without approval)', () => {
    const sealed = dossierIn('sealed').events;
    const forged = relink([sealed[0], sealed[1], sealed[3]] as DossierEvent[]);
    expect(verifyChain(forged)).toEqual({ ok: true });
    expect(validateHistory(forged)).toMatchObject({
      ok: false,
      eventId: sealed[3]?.id,
      code: 'workflow.transition_not_allowed',
    });
  });

  it('rejects a second apology slipped into history', () => {
    const first = ok(
      decide(
        received.dossier,
        sampleCommand('apologize_extend', received.dossier, 1),
        actorFor('approver'),
        at(1),
      ),
    );
    const second = ok(
      decide(
        received.dossier,
        { ...sampleCommand('apologize_extend', received.dossier, 2), newDueAt: at(100) },
        actorFor('approver'),
        at(2),
        {
          seq: first.event.seq,
          hash: first.event.hash,
        },
      ),
    ).event;
    expect(validateHistory([...received.events, first.event, second])).toMatchObject({
      ok: false,
      eventId: second.id,
      code: 'workflow.apology_already_used',
    });
  });

  it('rejects a recorded step whose changes carry a field the command does not change', () => {
    const real = ok(
      decide(received.dossier, sampleCommand('appraise', received.dossier), actorFor('appraiser'), at(1)),
    ).event;
    const changes = { ...(real.payload.changes as object), dueAt: at(500) };
    const forged = rehash({ ...real, payload: { ...real.payload, changes } });
    expect(verifyChain([...received.events, forged])).toEqual({ ok: true });
    expect(validateHistory([...received.events, forged])).toMatchObject({
      ok: false,
      eventId: real.id,
      code: 'workflow.event_mismatch',
    });
    expect(validateHistory([...received.events, real])).toMatchObject({ ok: true });
  });

  it('passes the chain check through, and returns the dossier when all is well', () => {
    const events = editable(life.events);
    (events[1] as DossierEvent).at = at(99);
    expect(validateHistory(events)).toMatchObject({
      ok: false,
      code: 'workflow.chain_broken',
      reason: 'hash mismatch',
    });
    const good = validateHistory(life.events, { head: life.dossier.lastEventHash });
    expect(good.ok && good.dossier).toEqual(life.dossier);
  });
});

describe('validateHistory with the stored history trusted (the server checking a push)', () => {
  it('gives what checking everything gives, for every split of a life into stored and new events', () => {
    const full = validateHistory(life.events, { head: life.dossier.lastEventHash });
    expect(full.ok && full.dossier).toEqual(life.dossier);
    for (let stored = 0; stored <= life.events.length; stored++) {
      expect(validateHistory(life.events, { trusted: stored, head: life.dossier.lastEventHash })).toEqual(
        full,
      );
    }
  });

  it('still hashes every new event', () => {
    const received = dossierIn('received');
    const stored = received.events.length;
    const next = ok(
      decide(received.dossier, sampleCommand('appraise', received.dossier), actorFor('appraiser'), at(1)),
    ).event;
    const edited = { ...next, at: at(2) };
    expect(validateHistory([...received.events, edited], { trusted: stored })).toMatchObject({
      ok: false,
      eventId: next.id,
      reason: 'hash mismatch',
    });
    expect(validateHistory([...received.events, next], { trusted: stored })).toMatchObject({ ok: true });
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson('Nguyễn')).toBe('"Nguyễn"');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('orders keys by UTF-16 code unit, as sorting the key strings does, for few keys and for many', () => {
    const few = ['b', 'B', 'a', '_x', 'Z', 'ă', '10', '9', 'aa', 'A1', 'đ', ' '];
    const many = Array.from({ length: 40 }, (_, i) => `k${(i * 7) % 40}${i % 3 === 0 ? 'Ư' : ''}`);
    for (const keys of [few, many]) {
      const record = Object.fromEntries(keys.map((k, i) => [k, i]));
      const expected = `{${[...keys]
        .sort()
        .map((k) => `${JSON.stringify(k)}:${record[k]}`)
        .join(',')}}`;
      expect(canonicalJson(record)).toBe(expected);
    }
  });

  it('writes every text, in values and in keys, exactly as JSON.stringify does', () => {
    const texts = [
      'Hồ sơ "đủ" điều kiện',
      'C:\\hồ sơ\\tệp',
      'dòng 1\ndòng 2\t\r\b\f',
      '\u0000\u001f\u007f',
      'nửa cặp \ud83d và \ude00',
      'đủ cặp 😀',
      '\u2028\u2029',
      '',
    ];
    for (const text of texts) {
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
      expect(canonicalJson({ [text]: true })).toBe(`{${JSON.stringify(text)}:true}`);
    }
    expect(canonicalJson([true, false])).toBe('[true,false]');
  });

  it('keeps the audit format: a fixed event hashes to the value recorded when the format was set', () => {
    // Changing canonicalJson or the covered fields would silently invalidate every stored chain.
    expect(computeEventHash(AUDIT_FORMAT_VECTOR.event)).toBe(AUDIT_FORMAT_VECTOR.hash);
  });

  it('sameJson agrees with comparing canonical JSON', () => {
    const pairs: [unknown, unknown][] = [
      [
        { a: 1, b: [1, { c: 'x' }] },
        { b: [1, { c: 'x' }], a: 1 },
      ],
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: null }, {}],
      [{ a: null }, { a: undefined }],
      [[undefined], [null]],
      [
        [1, 2],
        [2, 1],
      ],
      [[1], { 0: 1 }],
      [{ z: -0 }, { z: 0 }],
      ['1', 1],
      [{ a: { b: {} } }, { a: { b: { c: undefined } } }],
      [{ a: { b: {} } }, { a: { b: { c: null } } }],
      [{}, []],
      [null, undefined],
      [true, 'true'],
    ];
    for (const [a, b] of pairs) {
      expect(sameJson(a, b), `${canonicalJson(a)} vs ${canonicalJson(b)}`).toBe(
        canonicalJson(a) === canonicalJson(b),
      );
      expect(sameJson(b, a)).toBe(sameJson(a, b));
    }
  });

  it('hashes with the sha256 a platform supplies, and back with the portable one', () => {
    const event = life.events[0] as DossierEvent;
    const seen: string[] = [];
    useSha256((text) => {
      seen.push(text);
      return 'f'.repeat(64);
    });
    try {
      expect(computeEventHash(event)).toBe('f'.repeat(64));
      expect(seen[0]).toContain(`"dossierId":"${event.dossierId}"`);
    } finally {
      useSha256();
    }
    expect(computeEventHash(event)).toBe(event.hash);
  });

  it('the event hash is sha256 hex and ignores key order', () => {
    const event = life.events[0] as DossierEvent;
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    const reversed = Object.fromEntries(Object.entries(event).reverse()) as DossierEvent;
    expect(computeEventHash(reversed)).toBe(event.hash);
  });
});
