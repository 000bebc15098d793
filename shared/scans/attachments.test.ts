import { describe, expect, it } from 'vitest';
import { decide } from '../workflow';
import { actorFor, dossierIn, sampleCommand } from '../../tests/support/workflow-fixtures';
import { MAX_SCAN_BYTES } from '../domain';
import { attachmentsOf, digitisedDocuments, resultDigitised, scanFileProblem } from './attachments';

const at = '2026-03-03T02:00:00.000Z';

describe('attach_scan', () => {
  it('records a component as digitised only once its file is attached', () => {
    const { dossier, events } = dossierIn('received');
    expect(digitisedDocuments(dossier, attachmentsOf(events))).toEqual([]);
    const cmd = sampleCommand('attach_scan', dossier, events.length);
    const result = decide(dossier, cmd, actorFor('receiver'), at);
    if (!result.ok) throw new Error(result.error.code);
    const attachments = attachmentsOf([...events, result.event]);
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ sha256: 'ab'.repeat(32), officerId: 'officer-receiver' });
    expect(digitisedDocuments(result.dossier, attachments)).toEqual([dossier.documents[0]!.documentId]);
    expect(resultDigitised(attachments)).toBe(false);
  });

  it('refuses a document the dossier does not list, and the result before sealing', () => {
    const { dossier, events } = dossierIn('received');
    const base = sampleCommand('attach_scan', dossier, events.length);
    const unknown = decide(dossier, { ...base, documentId: 'no-such-doc' }, actorFor('receiver'), at);
    expect(unknown.ok ? '' : unknown.error.code).toBe('workflow.scan_document_unknown');
    const early = decide(dossier, { ...base, documentId: 'result' }, actorFor('receiver'), at);
    expect(early.ok ? '' : early.error.code).toBe('workflow.scan_result_not_ready');
    const sealed = dossierIn('sealed');
    const ok = decide(
      sealed.dossier,
      { ...sampleCommand('attach_scan', sealed.dossier, sealed.events.length), documentId: 'result' },
      actorFor('sealer'),
      at,
    );
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(resultDigitised(attachmentsOf([...sealed.events, ok.event]))).toBe(true);
  });

  it('refuses other roles and files over the limit', () => {
    const { dossier, events } = dossierIn('received');
    const cmd = sampleCommand('attach_scan', dossier, events.length);
    const byApprover = decide(dossier, cmd, actorFor('approver'), at);
    expect(byApprover.ok ? '' : byApprover.error.code).toBe('workflow.role_not_allowed');
    const big = decide(dossier, { ...cmd, size: MAX_SCAN_BYTES + 1 }, actorFor('receiver'), at);
    expect(big.ok ? '' : big.error.code).toBe('workflow.invalid_command');
  });
});

describe('scanFileProblem', () => {
  it.each([
    [{ size: 10, type: 'application/pdf' }, null],
    [{ size: 10, type: 'image/png' }, null],
    [{ size: 10, type: 'image/jpeg' }, null],
    [{ size: 10, type: 'image/gif' }, 'scan.type_not_allowed'],
    [{ size: 0, type: 'application/pdf' }, 'scan.empty'],
    [{ size: MAX_SCAN_BYTES + 1, type: 'application/pdf' }, 'scan.too_large'],
  ])('%o → %s', (file, problem) => {
    expect(scanFileProblem(file)).toBe(problem);
  });
});
