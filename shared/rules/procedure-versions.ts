/**
 * Procedure versions: a procedure's legal time, fees and required documents change by a decision
 * of the province, in force for dossiers received from its effective date. Intake records the
 * version in force at receipt on the dossier; due dates, checks and forms use that recorded
 * version, never a later one.
 */
import type { Dossier, Fee, LegalTime, Procedure, ProcedureVersion, RequiredDocument } from '../domain';
import { vietnamDateOf } from './rule-sets';

/** What a version of a procedure sets. */
export interface ProcedureTerms {
  version: number;
  /** First Vietnam date in force; null for version 1 (in force from the start). */
  effectiveFrom: string | null;
  legalTime: LegalTime;
  fees: Fee[];
  requiredDocuments: RequiredDocument[];
}

type Versioned = Pick<Procedure, 'legalTime' | 'fees' | 'requiredDocuments' | 'versions'>;

function firstVersion(procedure: Versioned): ProcedureTerms {
  return {
    version: 1,
    effectiveFrom: null,
    legalTime: procedure.legalTime,
    fees: procedure.fees,
    requiredDocuments: procedure.requiredDocuments,
  };
}

function laterVersion(v: ProcedureVersion): ProcedureTerms {
  return {
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    legalTime: v.legalTime,
    fees: v.fees,
    requiredDocuments: v.requiredDocuments,
  };
}

/** The version in force on a Vietnam date ('YYYY-MM-DD' or an ISO instant, converted). */
export function procedureTermsOn(procedure: Versioned, dateOrIso: string): ProcedureTerms {
  const date = vietnamDateOf(dateOrIso);
  let terms = firstVersion(procedure);
  for (const v of procedure.versions ?? []) {
    if (v.effectiveFrom > date) break;
    terms = laterVersion(v);
  }
  return terms;
}

/**
 * The version a dossier is handled under: the one recorded at its intake, or, for a dossier
 * recorded before versions (or naming one this catalogue no longer lists), the one in force at its
 * receipt.
 */
export function procedureTermsOf(
  procedure: Versioned,
  dossier: Pick<Dossier, 'receivedAt' | 'procedureVersion'>,
): ProcedureTerms {
  const recorded = dossier.procedureVersion;
  if (recorded === 1) return firstVersion(procedure);
  const version = (procedure.versions ?? []).find((v) => v.version === recorded);
  if (version) return laterVersion(version);
  return procedureTermsOn(procedure, dossier.receivedAt);
}

function withTerms(procedure: Procedure, terms: ProcedureTerms): Procedure {
  return {
    ...procedure,
    legalTime: terms.legalTime,
    fees: terms.fees,
    requiredDocuments: terms.requiredDocuments,
  };
}

/** The procedure as a dossier received on `dateOrIso` would get it (the intake screen's view). */
export function procedureAsOf(procedure: Procedure, dateOrIso: string): Procedure {
  return withTerms(procedure, procedureTermsOn(procedure, dateOrIso));
}

/** The procedure as it applies to one dossier (its recorded version): steps and forms read this. */
export function procedureForDossier(
  procedure: Procedure,
  dossier: Pick<Dossier, 'receivedAt' | 'procedureVersion'>,
): Procedure {
  return withTerms(procedure, procedureTermsOf(procedure, dossier));
}
