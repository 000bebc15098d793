import { describe, expect, it } from 'vitest';
import { auditCsv, auditFilter, csvCell, redact } from './audit';

describe('audit log', () => {
  it('hides secrets in before/after, keeps the rest', () => {
    expect(
      redact({
        id: 'o1',
        verifier: { hashB64: 'x' },
        signingKey: null,
        roles: ['admin'],
        nested: [{ password: 'p' }],
      }),
    ).toEqual({
      id: 'o1',
      verifier: '[hidden]',
      signingKey: null,
      roles: ['admin'],
      nested: [{ password: '[hidden]' }],
    });
  });

  it('filters: an office admin sees only their office whatever they ask', () => {
    const { where, params } = auditFilter({ officeId: 'other', actor: 'root', action: 'office.' }, 'mine');
    expect(where).toBe('WHERE office_id = $1 AND office_id = $2 AND actor = $3 AND action LIKE $4');
    expect(params).toEqual(['mine', 'other', 'root', 'office.%']);
    expect(auditFilter({}, null)).toEqual({ where: '', params: [] });
    expect(auditFilter({ action: '100%_' }, null).params).toEqual(['100\\%\\_%']);
  });

  it('CSV: quoted, formula-safe, with a BOM', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell({ name: 'Quầy 1' })).toBe('"{""name"":""Quầy 1""}"');
    const csv = auditCsv([
      {
        id: 1,
        at: '2026-12-07T00:00:00.000Z',
        actor: 'root',
        officeId: null,
        action: 'office.create',
        targetType: 'office',
        targetId: 'o1',
        before: null,
        after: { name: 'Xã A' },
      },
    ]);
    expect(csv.startsWith('\uFEFFid,at,actor,officeId,action,targetType,targetId,before,after\r\n')).toBe(
      true,
    );
    expect(csv).toContain(
      '1,2026-12-07T00:00:00.000Z,root,,office.create,office,o1,,"{""name"":""Xã A""}"\r\n',
    );
  });
});
