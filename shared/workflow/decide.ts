import { z } from 'zod';
import type { Applicant, Dossier, DossierEvent, DossierStatus } from '../domain';
import { applicantSchema, dossierSchema, idSchema, isoDateTimeSchema, roleSchema } from '../domain';
import { withoutKeys } from '../domain/records';
import { commandEnvelopeSchema, workflowCommandSchema } from './commands';
import type { CommandOf, WorkflowCommand } from './commands';
import { cloneJson, computeEventHash, deepFreeze } from './hash';
import { normalizeSearchText } from './search-text';
import { scanRefusal } from './scan-rules';
import { clockRestartsOf, dueDateResetRefusal, supplementRefusal } from './rule-limits';
import {
  COMMAND_TYPES,
  NEEDS_ROLE,
  TRANSITIONS,
  isCommandType,
  isFinalStatus,
  targetStatus,
} from './transitions';
import type { CommandType } from './transitions';

/** The officer acting, and the role they act in right now (one officer may hold several). */
export const actorSchema = z.object({
  officerId: idSchema,
  name: z.string().max(120),
  roles: z.array(roleSchema),
  actingRole: roleSchema,
  counterId: idSchema,
  officeId: idSchema,
});
export type Actor = z.infer<typeof actorSchema>;

/** The latest event the writer knew of this dossier: the parent of the next event. */
export interface ChainHead {
  seq: number;
  hash: string;
}
const chainHeadSchema = z.object({ seq: z.number().int().min(0), hash: z.string().max(128) });

/** Every error code decide() and validateHistory() return: i18n keys the UI must translate. */
export const WORKFLOW_ERROR_CODES = [
  'workflow.invalid_actor',
  'workflow.acting_role_not_held',
  'workflow.invalid_time',
  'workflow.unknown_command',
  'workflow.invalid_command',
  'workflow.dossier_not_found',
  'workflow.dossier_exists',
  'workflow.dossier_mismatch',
  'workflow.dossier_final',
  'workflow.transition_not_allowed',
  'workflow.role_not_allowed',
  'workflow.office_mismatch',
  'workflow.invalid_head',
  'workflow.clock_before_receipt',
  'workflow.due_before_start',
  'workflow.checklist_not_ok',
  'workflow.supplement_deadline_passed',
  'workflow.supplement_limit_reached',
  'workflow.apology_already_used',
  'workflow.new_due_not_later',
  'workflow.already_rated',
  'workflow.nothing_to_change',
  'workflow.invalid_applicant',
  'workflow.invalid_dossier',
  'workflow.chain_broken',
  'workflow.event_mismatch',
  'workflow.scan_document_unknown',
  'workflow.scan_result_not_ready',
] as const;
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

/** Messages inside `details` of workflow.invalid_command (besides the domain's `validation.*`). */
export const WORKFLOW_FIELD_MESSAGES = [
  'workflow.reason_required',
  'workflow.rating_reason_required',
  'workflow.agency_required',
] as const;

/** `code` is an i18n key (`workflow.*`, one of WORKFLOW_ERROR_CODES); `message` is English, for logs. */
export interface WorkflowError {
  code: string;
  message: string;
  details?: unknown;
}

export type DecideResult =
  { ok: true; dossier: Dossier; event: DossierEvent } | { ok: false; error: WorkflowError };

/** Dossier fields kept by the chain itself, never part of an event's `changes`. */
type Bookkeeping = 'eventCount' | 'lastEventHash' | 'updatedAt';
export type DossierContent = Omit<Dossier, Bookkeeping>;
/**
 * What an event changed. `applicant` is partial: an edit records only the contact fields it set,
 * so two counters editing different fields offline both survive a replay.
 */
export type DossierChanges = Partial<Omit<DossierContent, 'applicant'>> & { applicant?: Partial<Applicant> };

// Compile-time guard: the transition table and the command union name the same commands.
type _SameCommands = [CommandType] extends [WorkflowCommand['type']]
  ? [WorkflowCommand['type']] extends [CommandType]
    ? true
    : never
  : never;
const _sameCommands: _SameCommands = true;
void _sameCommands;

function fail(
  code: WorkflowErrorCode,
  message: string,
  details?: unknown,
): { ok: false; error: WorkflowError } {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const ms = (iso: string): number => Date.parse(iso);

/**
 * Apply an event's changes to a dossier: the one fold used by decide() and replay(), so the two can
 * never disagree.
 */
export function applyChanges(
  state: Dossier | null,
  changes: DossierChanges,
  head: { seq: number; hash: string; at: string },
): Dossier {
  const base = (state ?? {}) as Partial<Dossier>;
  const applicant =
    changes.applicant === undefined
      ? base.applicant
      : ({ ...base.applicant, ...changes.applicant } as Applicant);
  return {
    ...base,
    ...changes,
    ...(applicant === undefined ? {} : { applicant }),
    eventCount: head.seq,
    lastEventHash: head.hash,
    updatedAt: head.at,
  } as Dossier;
}

type ChangesResult = { ok: true; changes: DossierChanges } | { ok: false; error: WorkflowError };

function statusChanges(to: DossierStatus): DossierChanges {
  return { status: to, assigneeRole: NEEDS_ROLE[to][0] ?? null };
}

function intakeChanges(
  cmd: CommandOf<'receive'> | CommandOf<'record_incomplete'> | CommandOf<'refuse_intake'>,
  to: DossierStatus,
): DossierContent {
  return {
    id: cmd.dossierId,
    code: cmd.type === 'receive' ? cmd.code : '',
    officeId: cmd.officeId,
    counterId: cmd.counterId,
    procedureId: cmd.procedureId,
    procedureCode: cmd.procedureCode,
    procedureName: cmd.procedureName,
    ...(cmd.procedureVersion === undefined ? {} : { procedureVersion: cmd.procedureVersion }),
    sectorId: cmd.sectorId,
    channel: cmd.channel,
    applicant: cmd.applicant,
    applicantSearch: normalizeSearchText(cmd.applicant.fullName),
    documents: cmd.documents,
    status: to,
    receivedAt: cmd.receivedAt,
    // No legal clock runs for an intake that issued no receipt: start = receipt, no appointment.
    clockStartAt: cmd.type === 'receive' ? cmd.clockStartAt : cmd.receivedAt,
    dueAt: cmd.type === 'receive' ? cmd.dueAt : '',
    originalDueAt: '',
    result: null,
    returnedAt: '',
    rating: null,
    assigneeRole: NEEDS_ROLE[to][0] ?? null,
    notes: cmd.notes,
  };
}

function checkClock(clockStartAt: string, dueAt: string, receivedAt: string): WorkflowError | null {
  if (ms(clockStartAt) < ms(receivedAt)) {
    return {
      code: 'workflow.clock_before_receipt',
      message: 'The clock cannot start before the dossier was received',
    };
  }
  if (ms(dueAt) < ms(clockStartAt)) {
    return {
      code: 'workflow.due_before_start',
      message: 'The appointment cannot be before the clock starts',
    };
  }
  return null;
}

/** The dossier fields a valid command changes, or why it cannot apply to this dossier. */
function computeChanges(state: Dossier | null, cmd: WorkflowCommand, to: DossierStatus): ChangesResult {
  switch (cmd.type) {
    case 'receive': {
      const clock = checkClock(cmd.clockStartAt, cmd.dueAt, cmd.receivedAt);
      if (clock) return { ok: false, error: clock };
      return { ok: true, changes: intakeChanges(cmd, to) };
    }
    case 'record_incomplete':
    case 'refuse_intake':
      return { ok: true, changes: intakeChanges(cmd, to) };
    case 'complete_intake': {
      const receivedAt = cmd.receivedAt ?? (state as Dossier).receivedAt;
      const clock = checkClock(cmd.clockStartAt, cmd.dueAt, receivedAt);
      if (clock) return { ok: false, error: clock };
      return {
        ok: true,
        changes: {
          ...statusChanges(to),
          code: cmd.code,
          receivedAt,
          clockStartAt: cmd.clockStartAt,
          dueAt: cmd.dueAt,
          documents: cmd.documents,
        },
      };
    }
    case 'appraise': {
      const failed = cmd.checklist.filter((item) => !item.ok).map((item) => item.label);
      if (failed.length > 0) {
        return fail('workflow.checklist_not_ok', 'Every checklist item must be ok to appraise', { failed });
      }
      return { ok: true, changes: statusChanges(to) };
    }
    case 'request_supplement': {
      const refusal = supplementRefusal(state as Dossier, cmd.withinDeadline, cmd.overrideReason);
      return refusal ? { ok: false, error: refusal } : { ok: true, changes: statusChanges(to) };
    }
    case 'supplement_received': {
      const dossier = state as Dossier;
      const clock = checkClock(cmd.clockStartAt, cmd.dueAt, dossier.receivedAt);
      if (clock) return { ok: false, error: clock };
      // The clock restarts from zero. originalDueAt is kept: the apology may be used once per dossier.
      return {
        ok: true,
        changes: {
          ...statusChanges(to),
          clockStartAt: cmd.clockStartAt,
          dueAt: cmd.dueAt,
          clockRestarts: clockRestartsOf(dossier) + 1,
          ...(cmd.documents === undefined ? {} : { documents: cmd.documents }),
        },
      };
    }
    case 'seal':
    case 'transfer_back':
      return { ok: true, changes: { ...statusChanges(to), result: cmd.result } };
    case 'return_result':
      return {
        ok: true,
        changes: { ...statusChanges(to), returnedAt: cmd.returnedAt, rating: cmd.rating },
      };
    case 'rate':
      if ((state as Dossier).rating !== null) return fail('workflow.already_rated', 'The dossier is rated');
      return { ok: true, changes: { rating: cmd.rating } };
    case 'apologize_extend': {
      const dossier = state as Dossier;
      const refusal = dueDateResetRefusal(dossier);
      if (refusal) return { ok: false, error: refusal };
      if (dossier.dueAt === '' || ms(cmd.newDueAt) <= ms(dossier.dueAt)) {
        return fail('workflow.new_due_not_later', 'The new appointment must be later than the current one', {
          dueAt: dossier.dueAt,
        });
      }
      return { ok: true, changes: { originalDueAt: dossier.dueAt, dueAt: cmd.newDueAt } };
    }
    case 'edit_details': {
      const dossier = state as Dossier;
      const contact = cmd.applicant ?? {};
      const keys = Object.keys(contact) as (keyof typeof contact)[];
      if (keys.length === 0 && cmd.notes === undefined) {
        return fail('workflow.nothing_to_change', 'The edit changes nothing');
      }
      const parsed = applicantSchema.safeParse({ ...dossier.applicant, ...contact });
      if (!parsed.success) {
        return fail(
          'workflow.invalid_applicant',
          'The edited applicant is not valid',
          zodDetails(parsed.error),
        );
      }
      const applicant: Partial<Applicant> = {};
      for (const key of keys) applicant[key] = parsed.data[key];
      return {
        ok: true,
        changes: {
          ...(keys.length > 0 ? { applicant } : {}),
          ...(cmd.notes === undefined ? {} : { notes: cmd.notes }),
        },
      };
    }
    case 'attach_scan': {
      const refusal = scanRefusal(state as Dossier, cmd);
      return refusal ? { ok: false, error: refusal } : { ok: true, changes: {} };
    }
    case 'refuse':
    case 'return_to_appraisal':
    case 'approve':
    case 'transfer':
    case 'withdraw':
    case 'stop':
      return { ok: true, changes: statusChanges(to) };
  }
}

/** Members of a command that are not its payload (its envelope): they are the event's own fields. */
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(Object.keys(commandEnvelopeSchema.shape));

/**
 * What an event records of its command: the command without its envelope, with the changes made.
 * Built member by member, as validateHistory's commands are (object rest and spread are slower).
 */
function payloadOf(cmd: WorkflowCommand, changes: DossierChanges): Record<string, unknown> {
  const payload = withoutKeys(cmd as Record<string, unknown>, ENVELOPE_KEYS);
  payload.changes = changes;
  return payload;
}

function newEventId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (!crypto?.randomUUID) throw new Error('globalThis.crypto.randomUUID is unavailable: pass eventId');
  return crypto.randomUUID();
}

/**
 * Decide a command against a dossier (or `null` to create one): validate it, check the transition,
 * the role and the office, and return the new dossier with the audit event that records it. Pure:
 * the inputs are never changed; the outputs are frozen.
 *
 * `head` is the latest event the writer knew (defaults to the dossier's own chain head); the new
 * event's `prevHash` points at it and its `seq` is one more.
 */
export function decide(
  state: Dossier | null,
  command: unknown,
  actor: Actor,
  at: string,
  head?: ChainHead,
): DecideResult {
  return decideWith(state, command, actor, at, head, ISOLATED);
}

/**
 * How decideWith() hands its result back. decide() isolates: inputs copied, outputs frozen, the
 * event hash computed. validateHistory() re-decides events it already holds and throws the outputs
 * away: it owns `state`, and it compares the decided event with the recorded one field by field.
 */
export interface DecideMode {
  /** Copy the inputs into the outputs and freeze the outputs. */
  isolate: boolean;
  /** The new event's hash; absent = computeEventHash (the recorded hash when re-deciding). */
  hash?: string;
  /**
   * false: the resulting dossier is not checked against the schema (validateHistory checks the
   * state after the last event only, as replay() does).
   */
  checkDossier?: boolean;
  /**
   * The actor, the time, the command's envelope (event, dossier, office ids) and the head all come
   * from an event that passed dossierEventSchema, which checks each of those fields as the schemas
   * here would: they are not parsed again (validateHistory re-deciding a pushed history).
   */
  fromCheckedEvent?: boolean;
}
const ISOLATED: DecideMode = { isolate: true };

/** decide() with a DecideMode: for validateHistory only. */
export function decideWith(
  state: Dossier | null,
  command: unknown,
  actor: Actor,
  at: string,
  head: ChainHead | undefined,
  mode: DecideMode,
): DecideResult {
  const checked = mode.fromCheckedEvent === true;
  const actorParsed = checked ? null : actorSchema.safeParse(actor);
  if (actorParsed && !actorParsed.success) {
    return fail('workflow.invalid_actor', 'The acting officer is not valid', zodDetails(actorParsed.error));
  }
  const who = actorParsed ? actorParsed.data : actor;
  if (!who.roles.includes(who.actingRole)) {
    return fail('workflow.acting_role_not_held', `The officer does not hold the role ${who.actingRole}`);
  }
  if (!checked && !isoDateTimeSchema.safeParse(at).success) {
    return fail('workflow.invalid_time', 'The time of the action is not an ISO date-time');
  }

  const type = (command as { type?: unknown } | null)?.type;
  if (!isCommandType(type)) {
    return fail('workflow.unknown_command', `Unknown command ${String(type)}`, { known: COMMAND_TYPES });
  }
  const envelope = checked
    ? { success: true as const, data: command as z.infer<typeof commandEnvelopeSchema> }
    : commandEnvelopeSchema.safeParse(command);
  if (!envelope.success) {
    return fail('workflow.invalid_command', `The ${type} command is not valid`, zodDetails(envelope.error));
  }
  const spec = TRANSITIONS[type];
  const creating = spec.from.includes(null);
  const from = state?.status ?? null;

  if (state === null && !creating)
    return fail('workflow.dossier_not_found', `${type} needs an existing dossier`);
  if (state !== null && creating) return fail('workflow.dossier_exists', 'The dossier already exists');
  if (state !== null && state.id !== envelope.data.dossierId) {
    return fail('workflow.dossier_mismatch', 'The command is for another dossier');
  }
  if (from !== null && isFinalStatus(from) && !spec.from.includes(from)) {
    return fail('workflow.dossier_final', `The dossier is ${from}: it accepts no more actions`, {
      status: from,
    });
  }
  if (!spec.from.includes(from)) {
    return fail('workflow.transition_not_allowed', `${type} is not allowed from ${String(from)}`, {
      status: from,
      allowedFrom: spec.from,
    });
  }
  if (!spec.roles.includes(who.actingRole)) {
    return fail('workflow.role_not_allowed', `The role ${who.actingRole} may not ${type}`, {
      role: who.actingRole,
      allowedRoles: spec.roles,
    });
  }
  const officeId = state?.officeId ?? envelope.data.officeId;
  if (envelope.data.officeId !== officeId || who.officeId !== officeId) {
    return fail(
      'workflow.office_mismatch',
      'The command, the officer and the dossier must belong to one office',
    );
  }

  const parsed = workflowCommandSchema.safeParse(command);
  if (!parsed.success) {
    return fail('workflow.invalid_command', `The ${type} command is not valid`, zodDetails(parsed.error));
  }
  const cmd = parsed.data;

  let parent: ChainHead = { seq: 0, hash: '' };
  if (state !== null) {
    const known = head ?? { seq: state.eventCount, hash: state.lastEventHash };
    const headParsed = checked ? { success: true as const, data: known } : chainHeadSchema.safeParse(known);
    if (!headParsed.success || headParsed.data.seq < 1 || headParsed.data.hash === '') {
      return fail('workflow.invalid_head', 'The chain head of an existing dossier must name an event');
    }
    parent = headParsed.data;
  }

  const to = targetStatus(type, from);
  const computed = computeChanges(state, cmd, to);
  if (!computed.ok) return computed;
  const copy = mode.isolate ? cloneJson : <T>(value: T): T => value;
  const changes = copy(computed.changes);

  const event: DossierEvent = {
    id: cmd.eventId ?? newEventId(),
    dossierId: cmd.dossierId,
    officeId,
    seq: parent.seq + 1,
    type,
    from,
    to,
    actorId: who.officerId,
    actorName: who.name,
    actorRole: who.actingRole,
    counterId: who.counterId,
    at,
    payload: copy(payloadOf(cmd, changes)),
    prevHash: parent.hash,
    hash: '',
  };
  event.hash = mode.hash ?? computeEventHash(event);

  const applied = applyChanges(state === null ? null : copy(state), changes, {
    seq: event.seq,
    hash: event.hash,
    at,
  });
  if (mode.checkDossier === false) return { ok: true, dossier: applied, event };
  const next = dossierSchema.safeParse(applied);
  if (!next.success) {
    return fail('workflow.invalid_dossier', 'The resulting dossier is not valid', zodDetails(next.error));
  }
  if (!mode.isolate) return { ok: true, dossier: next.data, event };
  return { ok: true, dossier: deepFreeze(next.data), event: deepFreeze(event) };
}
