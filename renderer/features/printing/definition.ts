import type { Dossier, DossierEvent, Office, Procedure } from '../../../shared/domain';
import { procedureForDossier, type LegalForm } from '../../../shared/rules';
import type { CommandType } from '../../../shared/workflow/transitions';
import type { PrintLabels, PrintLanguage } from './labels';
import type { PageKind } from './layout';
import type { Signatory } from './types';

/** The device's result-seal key (shared/verification), kept by ./seal-key.ts. */
export interface SealKey {
  secretKey: Uint8Array;
  keyId: string;
}

/**
 * What a form's data builder reads: the signed-in office and officer, the dossier printed (null for
 * the register, which covers a year), the dossier's events and procedure, the register's rows of a
 * year, the device's seal key, and the screen's options (the register's `year`). Loaders are
 * functions so a form only reads what it prints.
 */
export interface PrintContext {
  office: Office;
  /** The signed-in officer: signs when the dossier's history names nobody. */
  signer: Signatory;
  dossier: Dossier | null;
  events(): Promise<DossierEvent[]>;
  procedure(): Promise<Procedure | null>;
  registerRows(year: number): Promise<Dossier[]>;
  sealKey(): Promise<SealKey>;
  extra: Readonly<Record<string, unknown>>;
}

/** Where the app's stores answer a print: bound to one dossier and officer by printContext. */
export interface PrintSources {
  eventsOf(dossierId: string): Promise<DossierEvent[]>;
  getProcedure(procedureId: string): Promise<Procedure | null>;
  registerRows(year: number): Promise<Dossier[]>;
  sealKey(): Promise<SealKey>;
}

/** Who prints: the session's office and officer (the app's Session fits). */
export interface PrintingOfficer {
  office: Office;
  officer: Signatory;
}

export function printContext(
  sources: PrintSources,
  dossier: Dossier | null,
  session: PrintingOfficer,
  extra: Readonly<Record<string, unknown>> = {},
): PrintContext {
  return {
    office: session.office,
    signer: { fullName: session.officer.fullName, title: session.officer.title },
    dossier,
    events: () => (dossier ? sources.eventsOf(dossier.id) : Promise.resolve([])),
    // The procedure as the dossier's recorded version has it (legal time, fees, documents).
    procedure: async () => {
      const procedure = dossier ? await sources.getProcedure(dossier.procedureId) : null;
      return procedure && dossier ? procedureForDossier(procedure, dossier) : null;
    },
    registerRows: (year) => sources.registerRows(year),
    sealKey: () => sources.sealKey(),
    extra,
  };
}

/**
 * One printed form: its kind (also written into the document's `motcua-form` meta), its paper, its
 * template, the builder of its data from a PrintContext, and where the dossier screen offers it.
 */
export interface FormDefinition<K extends string, D> {
  kind: K;
  page: PageKind;
  render(data: D, lang: PrintLanguage): Promise<string>;
  gather(context: PrintContext): Promise<D>;
  /** Offered as a button on the dossier screen when `when` holds; forms without it are printed elsewhere. */
  offer?: { when(dossier: Dossier): boolean; label(t: PrintLabels): string };
  /** Printed right after these workflow steps (the paper that goes with the step). */
  printedAfter?: readonly CommandType[];
  /**
   * The legal form it is, when not every rule set requires it (shared/rules): offered and printed
   * only for dossiers handled under a rule set that does.
   */
  legalForm?: LegalForm;
}

/** Keeps the kind's literal type, from which the registry derives FormKind and FormDataMap. */
export function defineForm<K extends string, D>(definition: FormDefinition<K, D>): FormDefinition<K, D> {
  return definition;
}

/** The dossier a per-dossier form prints; only the register prints without one. */
export function dossierOf(context: PrintContext): Dossier {
  if (!context.dossier) throw new Error('dossier required');
  return context.dossier;
}

/** The latest event of one of `types`: who did it signs the form that goes with it. */
export function lastEvent(
  events: readonly DossierEvent[],
  types: readonly string[],
): DossierEvent | undefined {
  return [...events].reverse().find((e) => types.includes(e.type));
}

/**
 * What a form that goes with a step prints from it: the office and dossier, the latest event of one
 * of `types` (its payload, {} without one), and who signs: whoever did it, else the signed-in officer.
 */
export async function stepRecord(context: PrintContext, types: readonly string[]) {
  const dossier = dossierOf(context);
  const event = lastEvent(await context.events(), types);
  const signer: Signatory = { fullName: event?.actorName ?? context.signer.fullName };
  return { base: { office: context.office, dossier }, event, payload: event?.payload ?? {}, signer };
}

/** A payload value as text ('' unless it is a string). */
export const payloadString = (value: unknown): string => (typeof value === 'string' ? value : '');
