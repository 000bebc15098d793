import { describe, expect, it } from 'vitest';
import {
  actorFor,
  at,
  dossierIn,
  ok,
  sampleCommand,
  unratedReturn,
  code,
} from '../../tests/support/workflow-fixtures';
import { availableCommands } from './available';
import { replay, validateHistory } from './chain';
import { decide } from './decide';

/** The citizen's rating given on the rating screen after the return: one `rate` event. */
describe('rate', () => {
  it('records the rating on a returned dossier that has none, as a verifiable event', () => {
    const { dossier, events } = unratedReturn();
    expect(dossier.rating).toBeNull();
    expect(availableCommands(dossier, ['receiver'])).toEqual(['rate']);
    const result = ok(
      decide(dossier, sampleCommand('rate', dossier, events.length), actorFor('receiver'), at(8)),
    );
    expect(result.dossier.status).toBe('returned');
    expect(result.dossier.rating).toEqual({ level: 'dissatisfied', reason: 'Phải chờ lâu' });
    expect(result.event).toMatchObject({ type: 'rate', from: 'returned', to: 'returned' });
    expect(result.event.payload).toMatchObject({ changes: { rating: { level: 'dissatisfied' } } });
    // What the server runs on a push: every event re-decided, the fold equal to the dossier.
    const history = [...events, result.event];
    expect(validateHistory(history).ok).toBe(true);
    expect(replay(history)).toEqual(result.dossier);
  });

  it('refuses a second rating, and is no longer offered', () => {
    const { dossier, events } = unratedReturn();
    const rated = ok(
      decide(dossier, sampleCommand('rate', dossier, events.length), actorFor('receiver'), at(8)),
    );
    expect(availableCommands(rated.dossier, ['receiver'])).toEqual([]);
    const again = decide(rated.dossier, sampleCommand('rate', rated.dossier, 9), actorFor('receiver'), at(9));
    expect(code(again)).toBe('workflow.already_rated');
    // Rated by the officer's fallback click at the return: the same.
    const atReturn = dossierIn('returned').dossier;
    expect(code(decide(atReturn, sampleCommand('rate', atReturn), actorFor('receiver'), at(9)))).toBe(
      'workflow.already_rated',
    );
  });

  it('needs a reason for "dissatisfied"', () => {
    const { dossier } = unratedReturn();
    const command = { ...sampleCommand('rate', dossier), rating: { level: 'dissatisfied', reason: '  ' } };
    const result = decide(dossier, command, actorFor('receiver'), at(8));
    expect(code(result)).toBe('workflow.invalid_command');
    expect(result.ok ? [] : result.error.details).toEqual([
      { path: 'rating.reason', message: 'workflow.rating_reason_required' },
    ]);
    const satisfied = { ...sampleCommand('rate', dossier), rating: { level: 'satisfied' } };
    expect(ok(decide(dossier, satisfied, actorFor('receiver'), at(8))).dossier.rating).toEqual({
      level: 'satisfied',
      reason: '',
    });
  });

  it('only after the return, and only at the counter that returns', () => {
    const sealed = dossierIn('sealed').dossier;
    expect(code(decide(sealed, sampleCommand('rate', sealed), actorFor('receiver'), at(8)))).toBe(
      'workflow.transition_not_allowed',
    );
    const { dossier } = unratedReturn();
    expect(code(decide(dossier, sampleCommand('rate', dossier), actorFor('supervisor'), at(8)))).toBe(
      'workflow.role_not_allowed',
    );
    const withdrawn = dossierIn('withdrawn').dossier;
    expect(code(decide(withdrawn, sampleCommand('rate', withdrawn), actorFor('receiver'), at(8)))).toBe(
      'workflow.dossier_final',
    );
  });
});
