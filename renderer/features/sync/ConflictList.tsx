import { useContext, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, List, Typography } from 'antd';
import type { ConflictRecord } from '../../../shared/sync/contract';
import { sameValue } from '../../../shared/sync/merge';
import { CONTACT_FIELDS } from '../../../shared/workflow/commands';
import { formatDateTime } from '../../app/format';
import { ServicesContext, SessionContext, type StepCommand } from '../../app/services';
import { useSyncTranslation as useTranslation } from './i18n';
import type { SyncHandle } from './host';

type Doc = Record<string, unknown>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const isPlainObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line of a conflict: a field (or a field of the applicant) and the two values. */
interface Difference {
  key: string;
  label: string;
  kept: unknown;
  other: unknown;
}

/**
 * The contact-details step (edit_details) that sets a field, by its key in the list, to `value`:
 * the applicant's contact fields and the notes, the fields that step may change; null for others.
 */
function takeCommand(key: string, value: string): StepCommand | null {
  if (key === 'notes') return { type: 'edit_details', notes: value };
  const field = CONTACT_FIELDS.find((f) => key === `applicant.${f}`);
  return field ? { type: 'edit_details', applicant: { [field]: value } } : null;
}

/** The dossier's current value of a field named by its key in the list (`applicant.phone`…). */
function valueAt(doc: Doc, key: string): unknown {
  return key.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), doc);
}

/** Translate function: the screen's i18next `t`. */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A field's value as the supervisor reads it: translated codes, dates in Vietnam time. */
function shownValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('syncui.conflict.empty');
  if (field === 'status') return t(`status.${String(value)}`, { defaultValue: String(value) });
  if (field === 'assigneeRole') return t(`roles.${String(value)}`, { defaultValue: String(value) });
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The lines of a conflict: each field that differs, the applicant's fields one by one. */
function differencesOf(t: Translate, c: ConflictRecord): Difference[] {
  return c.fields.flatMap((field): Difference[] => {
    const kept = (c.master as Doc)[field];
    const other = (c.incoming as Doc)[field];
    if (field === 'applicant' && isPlainObject(kept) && isPlainObject(other)) {
      return [...new Set([...Object.keys(kept), ...Object.keys(other)])]
        .filter((k) => !sameValue(kept[k], other[k]))
        .map((k) => ({
          key: `applicant.${k}`,
          label: t(`syncui.conflict.applicant_field.${k}`, { defaultValue: k }),
          kept: kept[k],
          other: other[k],
        }));
    }
    return [
      {
        key: field,
        label: t(`syncui.conflict.field.${field}`, { defaultValue: field }),
        kept,
        other,
      },
    ];
  });
}

/**
 * Dossiers the server could not merge (two counters changed the same field differently offline),
 * for the supervisor: what the server keeps and what the other counter wrote, field by field (the
 * applicant's fields one by one), and a button to mark it reviewed. The server's version stands;
 * for a contact detail or the notes, the other counter's value can be taken instead: that is the
 * contact-details step (edit_details) on this counter's replica, recorded in the dossier's history
 * like any other (the conflict is marked reviewed once every field of it has been taken).
 */
export function ConflictList({
  client,
  count,
  online,
}: {
  client: SyncHandle;
  /** The replication's conflict count: the list loads again when it changes. */
  count: number;
  /** Whether the server answers: the list is the server's, so it loads only then. */
  online: boolean;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<ConflictRecord[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  // The counter's services and the officer signed in (the list is shown inside the signed-in shell).
  const services = useContext(ServicesContext);
  const session = useContext(SessionContext);

  const [reloads, setReloads] = useState(0);
  // Loaded when the server is reachable, again whenever the replication counts a new conflict, and
  // after a review.
  useEffect(() => {
    if (!online) return;
    let live = true;
    client.listConflicts().then(
      (list) => {
        if (!live) return;
        setItems(list);
        setFailed(false);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [client, count, reloads, online]);

  const resolve = async (id: number) => {
    setBusy(`resolve-${id}`);
    try {
      await client.resolveConflict(id);
      void message.success(t('syncui.conflict.resolved'));
      setReloads((n) => n + 1);
    } catch {
      void message.error(t('syncui.conflict.resolve_failed'));
    } finally {
      setBusy(null);
    }
  };

  const show = (field: string, value: unknown) => shownValue(t, field, value);
  const differences = (c: ConflictRecord) => differencesOf(t, c);

  /**
   * Takes the other counter's value of one field as a contact-details step; the conflict is marked
   * reviewed when the dossier then holds the other counter's value of all its fields.
   */
  const takeOther = async (c: ConflictRecord, d: Difference) => {
    const value = typeof d.other === 'string' ? d.other : '';
    const command = takeCommand(d.key, value);
    if (!services || !session || !command) return;
    setBusy(`take-${c.id}-${d.key}`);
    try {
      const dossier = await services.getDossier(c.dossierId);
      if (!dossier) {
        void message.error(t('syncui.conflict.take_missing'));
        return;
      }
      if (!services.commandsFor(dossier, session.role).includes('edit_details')) {
        void message.error(t('syncui.conflict.take_not_allowed'));
        return;
      }
      const holds = (doc: Doc, e: Difference) => sameValue(valueAt(doc, e.key) ?? '', e.other ?? '');
      // Already the dossier's value here (taken before, or typed by hand): nothing to record.
      const current = holds(dossier as unknown as Doc, d)
        ? dossier
        : await services.apply(dossier, command, session);
      // Settled once the dossier holds the other counter's value of every field; else the rest wait
      // (taken one by one, or the server's kept by marking it reviewed).
      if (!differences(c).every((e) => holds(current as unknown as Doc, e))) {
        void message.success(t('syncui.conflict.taken_more', { field: d.label }));
        return;
      }
      await client.resolveConflict(c.id);
      void message.success(t('syncui.conflict.taken', { field: d.label }));
      setReloads((n) => n + 1);
    } catch (e) {
      void message.error(
        t('syncui.conflict.take_failed', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(null);
    }
  };

  if (!online && items === null)
    return <Alert type="info" showIcon title={t('syncui.conflict.offline')} data-testid="sync-conflicts" />;
  if (failed)
    return (
      <Alert type="warning" showIcon title={t('syncui.conflict.load_failed')} data-testid="sync-conflicts" />
    );
  return (
    <List
      size="small"
      bordered
      loading={items === null}
      header={items?.length ? t('syncui.conflict.title', { count: items.length }) : t('syncui.conflict.none')}
      dataSource={items ?? []}
      footer={
        items?.length ? (
          <Typography.Text type="secondary">{t('syncui.conflict.hint')}</Typography.Text>
        ) : undefined
      }
      data-testid="sync-conflicts"
      renderItem={(c) => {
        const code = String((c.master as Doc).code || c.dossierId);
        return (
          <List.Item
            data-testid="sync-conflict-item"
            data-id={c.dossierId}
            actions={[
              <Button
                key="resolve"
                size="small"
                loading={busy === `resolve-${c.id}`}
                onClick={() => void resolve(c.id)}
                data-testid="sync-conflict-resolve"
              >
                {t('syncui.conflict.resolve')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={t('syncui.conflict.dossier', { code })}
              description={
                <>
                  {c.fields.includes('*') ? (
                    <div>{t('syncui.conflict.whole')}</div>
                  ) : (
                    differences(c).map((d) => (
                      <div key={d.key} data-testid="sync-conflict-field" data-field={d.key}>
                        <Typography.Text strong>{d.label}</Typography.Text>: {t('syncui.conflict.kept')} «
                        {show(d.key, d.kept)}» · {t('syncui.conflict.other')} «{show(d.key, d.other)}»
                        {services &&
                          session &&
                          typeof d.other === 'string' &&
                          takeCommand(d.key, d.other) && (
                            <Button
                              type="link"
                              size="small"
                              loading={busy === `take-${c.id}-${d.key}`}
                              onClick={() => void takeOther(c, d)}
                              data-testid="sync-conflict-take"
                            >
                              {t('syncui.conflict.take')}
                            </Button>
                          )}
                      </div>
                    ))
                  )}
                  <Typography.Text type="secondary">
                    {t('syncui.conflict.when', { at: formatDateTime(c.createdAt) })}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
