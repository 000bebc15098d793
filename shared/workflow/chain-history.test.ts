import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../domain';
import { validateHistory, verifyChain } from './chain';
import { decide } from './decide';
import { actorFor, at, dossierIn, ok, sampleCommand } from '../../tests/support/workflow-fixtures';
import { editable, life, rehash, relink } from '../../tests/support/chain-fixtures';

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
