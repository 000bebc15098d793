import { afterEach, describe, expect, it } from 'vitest';
import { staticMarkup } from '../../../tests/support/static-markup';
import { BootstrapProgressBar } from './BootstrapProgress';
import { bootstrapStatus, localHistoryStatus } from './bootstrap-counter';
import type { BootstrapProgress } from './bootstrap';
import { syncResources } from './i18n';

const markup = staticMarkup();
afterEach(() => {
  bootstrapStatus.set(null);
  localHistoryStatus.set(null);
});

const texts = syncResources.vi.syncui.bootstrap;
const render = (compact = false) => markup(<BootstrapProgressBar compact={compact} />);

function progress(p: Partial<BootstrapProgress>): BootstrapProgress {
  return { phase: 'recent', written: 0, dossiers: 0, dossiersWritten: 0, startedAt: 0, etaMs: null, ...p };
}

describe('first download progress bar', () => {
  it('keeps the estimate in view in the header while the recent phase comes down', () => {
    bootstrapStatus.set(progress({ phase: 'recent', dossiers: 1000, dossiersWritten: 250, etaMs: 30_000 }));
    localHistoryStatus.set({ complete: false, from: null });
    const header = render(true);
    expect(header).toContain('data-phase="recent"');
    expect(header).toContain('30 giây');
    expect(render()).toContain('250/1.000 hồ sơ · còn khoảng 30 giây');
  });

  it('says the older history resumes at the next start when only it stopped, not that the counter syncs dossier by dossier', () => {
    localHistoryStatus.set({ complete: false, from: '2026-09-09T00:00:00.000Z' });
    bootstrapStatus.set(progress({ phase: 'failed' }));
    expect(render()).toContain(texts.history_failed);
    expect(render()).not.toContain(texts.failed);
    expect(render(true)).toBe('');
  });

  it('says the counter syncs dossier by dossier when the first download itself failed', () => {
    bootstrapStatus.set(progress({ phase: 'failed' }));
    localHistoryStatus.set({ complete: true });
    expect(render()).toContain(texts.failed);
  });

  it('shows nothing once the history is complete', () => {
    bootstrapStatus.set(progress({ phase: 'done' }));
    localHistoryStatus.set({ complete: true });
    expect(render()).toBe('');
  });
});
