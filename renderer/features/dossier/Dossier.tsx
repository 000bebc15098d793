import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Row, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierEvent, Procedure } from '../../../shared/domain';
import type { CommandType } from '../../../shared/workflow/transitions';
import { formatDate, formatDateTime, formatFees } from '../../app/format';
import { useLive } from '../../app/useAsync';
import { useNow } from '../../app/useNow';
import { procedureForDossier } from '../../../shared/rules';
import { formAfterStep, formsOffered, type FormKind } from '../printing';
import { useRatingTranslation } from '../rating/i18n';
import { useRatingDesk, useRatingDeskState } from '../rating/service';
import { useSession } from '../session/service';
import { useStepsService, type StepCommand } from '../steps/service';
import { STEP_COMMANDS, STEP_LABEL_KEYS, StepForm } from '../steps/StepForms';
import { ScanCard } from '../scans/ScanCard';
import { StatusTag } from './DossierTable';
import { useDossierService } from './service';

/**
 * One dossier: its details, the steps the acting role may take, printing, and its history (form 05).
 * `openStep` opens that step's form on arrival when the role may take it (the overdue list's apology).
 */
export function DossierScreen({ id, openStep }: { id: string; openStep?: CommandType }) {
  const { t, i18n } = useTranslation();
  const services = useDossierService();
  const steps = useStepsService();
  const session = useSession();
  const { message } = App.useApp();
  const now = useNow(30_000);
  const dossier = useLive(() => services.getDossier(id), [id]);
  const events = useLive(() => services.listEvents(id), [id]);
  const d = dossier.data;
  const procedure = useLive(async () => {
    const p = d ? await services.getProcedure(d.procedureId) : null;
    return p && d ? procedureForDossier(p, d) : null;
  }, [d?.procedureId, d?.procedureVersion, d?.receivedAt]);
  const [active, setActive] = useState<CommandType | null>(openStep ?? null);
  const ratingDesk = useRatingDesk();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (dossier.loading && !d) return <Spin />;
  if (!d) return <Empty description={t('queue.lookup_not_found', { code: id })} />;

  const commands = steps.commandsFor(d, session.role).filter((c) => STEP_COMMANDS.includes(c));
  const apologyDue = steps.apologyDue(d, now) && commands.includes('apologize_extend');

  const print = (form: FormKind) =>
    services
      .print(form, d, session)
      .catch((e: unknown) =>
        message.error(t('errors.print_failed', { message: e instanceof Error ? e.message : String(e) })),
      );

  const submit = async (command: StepCommand) => {
    setBusy(true);
    setError(null);
    try {
      const next = await steps.apply(d, command, session);
      setActive(null);
      // Handed back unrated while a rating screen is attached: the citizen rates there.
      if (command.type === 'return_result' && next.rating === null && ratingDesk.get().attached)
        ratingDesk.ask(next, session);
      message.success(t('dossier.done', { step: t(STEP_LABEL_KEYS[command.type] ?? command.type) }));
      // The paper that goes with the step.
      const form = formAfterStep(command.type, next);
      if (form) await services.print(form, next, session).catch(() => undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // Button labels follow the UI language; the forms themselves always print in Vietnamese.
  const forms = formsOffered(d, i18n.language === 'en' ? 'en' : 'vi');
  const nextRoles = steps.nextRoles(d);

  return (
    <Flex
      vertical
      gap={16}
      data-testid="dossier-screen"
      data-dossier-id={d.id}
      data-status={d.status}
      data-code={d.code}
      data-clock-start-at={d.clockStartAt}
      data-event-count={d.eventCount}
    >
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="dossier-code">
              {d.code || t('dossier.no_code')}
            </Typography.Title>
            <StatusTag status={d.status} />
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            {forms.map((f) => (
              <Button
                key={f.kind}
                size="small"
                onClick={() => void print(f.kind)}
                data-testid={`print-${f.kind}`}
              >
                {f.label}
              </Button>
            ))}
          </Flex>
        }
      />

      <RatingWaiting dossier={d} />

      {apologyDue && (
        <Alert
          type="warning"
          showIcon
          title={t('dossier.late_prompt')}
          data-testid="late-prompt"
          action={
            <Button size="small" onClick={() => setActive('apologize_extend')} data-testid="late-prompt-open">
              {t('step.apologize')}
            </Button>
          }
        />
      )}

      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title={t('dossier.actions')} data-testid="actions">
            {commands.length === 0 ? (
              <Typography.Paragraph type="secondary" data-testid="no-action">
                {t('dossier.no_action', { role: t(`roles.${session.role}`) })}
                {nextRoles.length > 0 && (
                  <>
                    <br />
                    {t('dossier.needs_role', { role: nextRoles.map((r) => t(`roles.${r}`)).join(', ') })}
                  </>
                )}
              </Typography.Paragraph>
            ) : (
              <Flex gap={8} wrap style={{ marginBottom: active ? 16 : 0 }}>
                {commands.map((c) => (
                  <Button
                    key={c}
                    type={active === c ? 'primary' : 'default'}
                    danger={c === 'refuse' || c === 'withdraw' || c === 'stop'}
                    onClick={() => setActive(c)}
                    data-testid={`step-${c}`}
                  >
                    {t(STEP_LABEL_KEYS[c] ?? c)}
                  </Button>
                ))}
              </Flex>
            )}
            {active && commands.includes(active) && (
              <StepForm
                key={active}
                type={active}
                dossier={d}
                procedure={procedure.data ?? null}
                now={now}
                busy={busy}
                onSubmit={(c) => void submit(c)}
                onCancel={() => setActive(null)}
              />
            )}
            {error && (
              <Alert
                type="error"
                title={t('errors.generic', { message: error })}
                style={{ marginTop: 12 }}
                data-testid="step-error"
              />
            )}
          </Card>
        </Col>
        <Col span={14}>
          {/* The facts beside the steps, so a step's confirm button shows on a 1366×768 screen. */}
          <Card size="small" title={t('dossier.info')} style={{ marginBottom: 16 }}>
            <DossierFacts dossier={d} procedure={procedure.data ?? null} />
          </Card>
          <div style={{ marginBottom: 16 }}>
            <ScanCard
              dossier={d}
              events={events.data ?? []}
              canAttach={steps.commandsFor(d, session.role).includes('attach_scan')}
            />
          </div>
          <HistoryCard events={events.data ?? []} dueAt={d.dueAt} />
        </Col>
      </Row>
    </Flex>
  );
}

/** After a return, while the citizen rates on the rating screen (or when the rating was not recorded). */
function RatingWaiting({ dossier }: { dossier: Dossier }) {
  const { t } = useRatingTranslation();
  const desk = useRatingDeskState();
  if (dossier.rating !== null || !desk.waiting.includes(dossier.id)) return null;
  const failed = desk.failed?.dossierId === dossier.id ? desk.failed.message : null;
  return (
    <Alert
      type={failed ? 'error' : 'info'}
      showIcon
      title={
        failed
          ? t('rating_screen.not_recorded', { message: t(failed, { defaultValue: failed }) })
          : t('rating_screen.waiting')
      }
      data-testid="rating-waiting"
    />
  );
}

/** The dossier's facts: procedure, applicant, dates, result, return timing and rating. */
function DossierFacts({ dossier: d, procedure }: { dossier: Dossier; procedure: Procedure | null }) {
  const { t } = useTranslation();
  const services = useDossierService();
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('dossier.procedure')} span={2}>
        {d.procedureCode} — {d.procedureName}
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.applicant')}>
        <span data-testid="dossier-applicant">{d.applicant.fullName}</span>
        {d.applicant.idNumber && ` · ${d.applicant.idNumber}`}
        {d.applicant.phone && (
          <>
            {' · '}
            <span data-testid="dossier-phone">{d.applicant.phone}</span>
          </>
        )}
      </Descriptions.Item>
      {procedure && (
        <Descriptions.Item label={t('receive.fee')} span={2}>
          <span data-testid="dossier-fee">{formatFees(procedure.fees) || t('receive.fee_none')}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('dossier.received_at')}>{formatDateTime(d.receivedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('dossier.due_at')}>
        <span data-testid="dossier-due" data-due-at={d.dueAt}>
          {formatDateTime(d.dueAt)}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.documents')} span={2}>
        <ul className="dossier-documents" data-testid="dossier-documents">
          {d.documents.map((doc) => (
            <li key={doc.documentId} data-testid="dossier-document">
              {doc.name} ({doc.count} × {t(`copy_type.${doc.copyType}`)})
            </li>
          ))}
        </ul>
      </Descriptions.Item>
      {d.originalDueAt && (
        <Descriptions.Item label={t('dossier.original_due_at')}>
          <span data-testid="dossier-original-due">{formatDateTime(d.originalDueAt)}</span>
        </Descriptions.Item>
      )}
      {d.result && (
        <Descriptions.Item label={t('dossier.result')} span={2}>
          <span data-testid="dossier-result">
            {d.result.documentType} số {d.result.number}, {formatDate(d.result.date)}, {d.result.signer}
          </span>
        </Descriptions.Item>
      )}
      {d.returnedAt && (
        <Descriptions.Item label={t('dossier.returned_at')}>
          <span data-testid="dossier-returned">
            {formatDateTime(d.returnedAt)}
            {d.dueAt && (
              <strong className={`timing-${services.classifyReturn(d.returnedAt, d.dueAt)}`}>
                {' '}
                ({t(`dossier.timing.${services.classifyReturn(d.returnedAt, d.dueAt)}`)})
              </strong>
            )}
          </span>
        </Descriptions.Item>
      )}
      {d.rating && (
        <Descriptions.Item label={t('dossier.rating')}>
          <span data-testid="dossier-rating">
            {t(`rating.${d.rating.level}`)}
            {d.rating.reason && ` — ${d.rating.reason}`}
          </span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** Every hand-over with who, when and whether it was early / on time / late (the rows of form 05). */
function HistoryCard({ events, dueAt }: { events: DossierEvent[]; dueAt: string }) {
  const { t } = useTranslation();
  const services = useDossierService();
  return (
    <Card size="small" title={t('dossier.history')}>
      <Table<DossierEvent>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={events}
        data-testid="history"
        onRow={(e) =>
          ({ 'data-testid': 'history-row', 'data-type': e.type }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('dossier.events.col_at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
          {
            title: t('dossier.events.col_step'),
            dataIndex: 'type',
            render: (v: CommandType) => t(STEP_LABEL_KEYS[v] ?? `step.${v}`, { defaultValue: v }),
          },
          { title: t('dossier.events.col_actor'), dataIndex: 'actorName' },
          {
            title: t('dossier.events.col_role'),
            dataIndex: 'actorRole',
            render: (v: string) => t(`roles.${v}`),
          },
          {
            title: t('dossier.events.col_to'),
            dataIndex: 'to',
            render: (v: DossierEvent['to']) => t(`status.${v}`),
          },
          {
            title: t('dossier.events.col_timing'),
            render: (_, e) => {
              if (!dueAt) return '';
              const timing = services.classifyReturn(e.at, dueAt);
              return <span className={`timing-${timing}`}>{t(`dossier.timing.${timing}`)}</span>;
            },
          },
        ]}
      />
    </Card>
  );
}
