import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, type DossierStatus } from '../domain/dossier';
import {
  PORTAL_STATUS_CODES,
  RULE_SETS,
  RULE_SET_2018,
  RULE_SET_2025,
  isOfficeLevelAllowed,
  portalStatusCode,
  ruleSetById,
  ruleSetFor,
} from './rule-sets';

describe('ruleSetFor picks the rule set in force on the Vietnam local date', () => {
  it.each([
    ['2019-01-15', '2018'],
    ['2025-06-30', '2018'],
    ['2025-07-01', '2025'],
    ['2026-11-27', '2025'],
    ['2025-06-30T09:00:00.000Z', '2018'], // 16:00 on 30 June in Vietnam
    ['2025-06-30T16:59:59.999Z', '2018'], // 23:59 on 30 June
    ['2025-06-30T17:00:00.000Z', '2025'], // 00:00 on 1 July in Vietnam, still 30 June in UTC
    ['2025-07-01T00:00:00+07:00', '2025'],
    ['2018-06-21', '2018'],
    ['2017-03-01', '2018'], // before 2018 we model only the oldest set
  ])('%s → %s', (date, id) => {
    expect(ruleSetFor(date).id).toBe(id);
  });

  it('refuses what is not a date', () => {
    expect(() => ruleSetFor('30/06/2025')).toThrow(RangeError);
  });

  it('has contiguous periods, oldest first', () => {
    expect(RULE_SETS.map((r) => r.id)).toEqual(['2018', '2025']);
    expect(RULE_SET_2018.effectiveUntil).toBe('2025-06-30');
    expect(RULE_SET_2025.effectiveFrom).toBe('2025-07-01');
    expect(RULE_SET_2025.effectiveUntil).toBeNull();
    expect(ruleSetById('2025')).toBe(RULE_SET_2025);
  });
});

describe('rule set contents', () => {
  it.each([RULE_SET_2018, RULE_SET_2025])('$id keeps the time rules of the law', (ruleSet) => {
    expect(ruleSet.afterHoursCutoff).toBe('15:00');
    expect(ruleSet.supplementRequestWithinWorkingDays).toBe(3);
    expect(ruleSet.apologyLeadWorkingDays).toBe(1);
    expect(ruleSet.maxDueDateResets).toBe(1);
    expect(ruleSet.maxClockRestarts).toBe(1);
    expect(ruleSet.forms).toEqual(
      expect.arrayContaining(['receipt', 'supplement_request', 'refusal', 'apology']),
    );
  });

  it('names the legal basis of each period', () => {
    expect(RULE_SET_2018.legalBasis.join(' ')).toMatch(
      /61\/2018\/NĐ-CP.*107\/2021\/NĐ-CP.*01\/2018\/TT-VPCP/,
    );
    expect(RULE_SET_2025.legalBasis.join(' ')).toMatch(/118\/2025\/NĐ-CP.*03\/2025\/TT-VPCP/);
  });

  it.each([
    ['province', '2018', true],
    ['district', '2018', true],
    ['commune', '2018', true],
    ['province', '2025', true],
    ['district', '2025', false], // two-tier local government from 1 July 2025
    ['commune', '2025', true],
  ] as const)('%s offices under %s: %s', (level, id, allowed) => {
    expect(isOfficeLevelAllowed(level, ruleSetById(id))).toBe(allowed);
  });

  it('adds the stop-processing notice in 2025 only', () => {
    expect(RULE_SET_2018.forms).not.toContain('stop_processing_notice');
    expect(RULE_SET_2025.forms).toContain('stop_processing_notice');
    expect(RULE_SET_2018.formNumbers.apology).toBe('04');
  });
});

describe('national portal status codes', () => {
  it.each([
    ['received', 2],
    ['refused_intake', 3],
    ['appraised', 4],
    ['transferred', 4],
    ['approved', 4],
    ['supplement_requested', 5],
    ['incomplete', 5],
    ['withdrawn', 7],
    ['stopped', 8],
    ['sealed', 9],
    ['refused', 9],
    ['returned', 10],
  ] as const)('%s → %i', (status, code) => {
    expect(portalStatusCode(status)).toBe(code);
    expect(portalStatusCode(status, RULE_SET_2018)).toBe(code);
  });

  it('maps every dossier status to one of the ten codes', () => {
    for (const ruleSet of RULE_SETS) {
      for (const status of DOSSIER_STATUSES as readonly DossierStatus[]) {
        expect(Object.keys(PORTAL_STATUS_CODES)).toContain(String(ruleSet.portalStatusCodes[status]));
      }
    }
    expect(PORTAL_STATUS_CODES[1]).toBe('Mới đăng ký');
    expect(PORTAL_STATUS_CODES[10]).toBe('Đã trả kết quả');
  });
});
