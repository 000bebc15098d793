import { afterEach, describe, expect, it } from 'vitest';
import { staticMarkup } from '../../../tests/support/static-markup';
import { DEMO_OFFICE } from '../../../shared/demo';
import { SetupServiceContext, type SetupService } from '../setup/service';
import { bootstrapStatus } from '../sync/bootstrap-counter';
import { Login } from './Login';
import { SessionServiceContext, type SessionService } from './service';

const markup = staticMarkup();
afterEach(() => bootstrapStatus.set(null));

// The screen reads only these of its services while nobody has typed anything.
const session = {
  quickSwitch: { available: () => [], subscribe: () => () => undefined },
} as unknown as SessionService;
const setup = { demoAccounts: () => [] } as unknown as SetupService;

const render = () =>
  markup(
    <SessionServiceContext.Provider value={session}>
      <SetupServiceContext.Provider value={setup}>
        <Login office={DEMO_OFFICE} onLogin={() => undefined} />
      </SetupServiceContext.Provider>
    </SessionServiceContext.Provider>,
  );

describe('login screen', () => {
  it("shows the counter's first download with its estimate while nobody is logged in yet", () => {
    expect(render()).not.toContain('data-testid="bootstrap-progress"');
    bootstrapStatus.set({
      phase: 'recent',
      written: 1200,
      dossiers: 2000,
      dossiersWritten: 500,
      startedAt: 0,
      etaMs: 45_000,
    });
    const html = render();
    expect(html).toContain('data-testid="bootstrap-progress"');
    expect(html).toContain('500/2.000 hồ sơ · còn khoảng 45 giây');
  });
});
