import type { Dossier } from '../../../shared/domain';
import { formRequiredFor } from '../../../shared/rules';
import type { CommandType } from '../../../shared/workflow/transitions';
import type { FormDefinition, PrintContext } from './definition';
import { apologyForm } from './forms/apology';
import { controlSheetForm } from './forms/control-sheet';
import { receiptForm } from './forms/receipt';
import { refusalForm } from './forms/refusal';
import { registerForm } from './forms/register';
import { resultSlipForm } from './forms/result';
import { stopNoticeForm } from './forms/stop-notice';
import { supplementForm } from './forms/supplement';
import { labelsFor, type PrintLanguage } from './labels';

/** Every printed form, in the order the dossier screen offers them. A new form is one line here. */
const DEFINITIONS = [
  receiptForm,
  supplementForm,
  refusalForm,
  apologyForm,
  controlSheetForm,
  registerForm,
  resultSlipForm,
  stopNoticeForm,
] as const;

type Definition = (typeof DEFINITIONS)[number];
export type FormKind = Definition['kind'];
/** The data each form prints, by kind. */
export type FormDataMap = {
  [K in FormKind]: Extract<Definition, { kind: K }> extends FormDefinition<K, infer D> ? D : never;
};

type AnyForm<K extends FormKind = FormKind> = FormDefinition<K, FormDataMap[K]>;

export const FORM_KINDS: readonly FormKind[] = DEFINITIONS.map((d) => d.kind);

function definitionOf<K extends FormKind>(kind: K): AnyForm<K> {
  const definition = DEFINITIONS.find((d) => d.kind === kind);
  if (!definition) throw new Error(`unknown form ${String(kind)}`);
  return definition as unknown as AnyForm<K>;
}

/**
 * Renders one form as a complete HTML document. What is printed is always Vietnamese (the print
 * service asks for nothing else); 'en' is a preview to read on screen, for a foreign applicant or a
 * reviewer, with the same data.
 */
export function renderForm<K extends FormKind>(
  kind: K,
  data: FormDataMap[K],
  lang: PrintLanguage = 'vi',
): Promise<string> {
  return definitionOf(kind).render(data, lang);
}

/** Builds the data of form `kind` from what the context reads (see PrintContext). */
export function gatherFormData<K extends FormKind>(kind: K, context: PrintContext): Promise<FormDataMap[K]> {
  return definitionOf(kind).gather(context);
}

/** The printer's paper for a form: A5 portrait, or A4 landscape for the register. */
export function paperOf(kind: FormKind): { pageSize: 'A4' | 'A5'; landscape: boolean } {
  const page = definitionOf(kind).page;
  return { pageSize: page === 'A5' ? 'A5' : 'A4', landscape: page === 'A4-landscape' };
}

/** Whether the dossier's rule set requires the form (forms every rule set requires name none). */
function inForce(d: AnyForm, dossier: Pick<Dossier, 'receivedAt'> | undefined): boolean {
  if (d.legalForm === undefined) return true;
  return dossier !== undefined && formRequiredFor(dossier, d.legalForm);
}

/**
 * The print buttons of a dossier: the forms whose offer holds for it and that its rule set
 * requires, labelled in `lang`.
 */
export function formsOffered(dossier: Dossier, lang: PrintLanguage): { kind: FormKind; label: string }[] {
  const t = labelsFor(lang);
  return DEFINITIONS.flatMap((d: AnyForm) =>
    d.offer?.when(dossier) && inForce(d, dossier) ? [{ kind: d.kind, label: d.offer.label(t) }] : [],
  );
}

/**
 * The form printed right after a workflow step on `dossier`, if any (the paper that goes with the
 * step). A form only some rule sets require is printed only when the dossier is given and its rule
 * set requires it.
 */
export function formAfterStep(
  command: CommandType,
  dossier?: Pick<Dossier, 'receivedAt'>,
): FormKind | undefined {
  return DEFINITIONS.find((d: AnyForm) => d.printedAfter?.includes(command) && inForce(d, dossier))?.kind;
}
