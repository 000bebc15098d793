import { Alert, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReturnTiming } from '../../../shared/calendar';
import { validateApplicant } from '../../../shared/domain';
import { fieldErrors } from '../../app/validation';
import { CONTACT_FIELDS } from '../../../shared/workflow/commands';
import type { CommandType } from '../../../shared/workflow/transitions';
import { formatDateTime } from '../../app/format';
import { apologyDateProblem, apologyEarliestDay, endOfWorkingDayIso } from './apology';
import { useRatingTranslation } from '../rating/i18n';
import { useRatingDeskState } from '../rating/service';
import { RestartForm } from './RestartForm';
import { useStepsService, type StepProps } from './service';
import { Actions } from './StepActions';

/** Commands this screen offers, in the order buttons appear. */
export const STEP_COMMANDS: readonly CommandType[] = [
  'complete_intake',
  'appraise',
  'request_supplement',
  'supplement_received',
  'approve',
  'return_to_appraisal',
  'seal',
  'return_result',
  'refuse',
  'apologize_extend',
  'withdraw',
  'stop',
  'edit_details',
];

export const STEP_LABEL_KEYS: Partial<Record<CommandType, string>> = {
  complete_intake: 'step.complete_intake',
  appraise: 'step.pass',
  request_supplement: 'step.request_supplement',
  supplement_received: 'step.supplement_received',
  approve: 'step.approve_btn',
  return_to_appraisal: 'step.reject_btn',
  seal: 'step.seal_btn',
  return_result: 'step.return_btn',
  refuse: 'step.refuse',
  apologize_extend: 'step.apologize',
  withdraw: 'step.withdraw',
  stop: 'step.stop',
  edit_details: 'step.edit_details',
};

type Props = StepProps;

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** The form of one step; Enter submits (the primary button is the form's submit). */
export function StepForm(props: Props) {
  const { t } = useTranslation();
  const services = useStepsService();
  const { type, dossier, procedure, now, busy, onSubmit, onCancel } = props;
  const [form] = Form.useForm();
  const need = t('errors.required');

  const earliness = dossier.dueAt ? services.classifyReturn(now, dossier.dueAt) : 'on_time';
  const rating = Form.useWatch('rating', form) as string | undefined;
  const inTime = type === 'request_supplement' ? services.supplementInTime(dossier, now) : true;

  const common = {
    form,
    layout: 'vertical' as const,
    'data-testid': `step-form-${type}`,
  };

  switch (type) {
    case 'appraise': {
      const labels = [t('step.check_documents'), t('step.check_conditions'), t('step.check_fees')];
      return (
        <Form
          autoComplete="off"
          {...common}
          initialValues={{ checks: [], notes: '' }}
          onFinish={(v: { checks: string[]; notes: string }) =>
            onSubmit({
              type,
              checklist: labels.map((label) => ({ label, ok: v.checks.includes(label), note: '' })),
              notes: v.notes ?? '',
            })
          }
        >
          <Form.Item
            name="checks"
            label={t('step.checklist')}
            rules={[
              {
                validator: (_, v: string[]) =>
                  v?.length === labels.length ? Promise.resolve() : Promise.reject(new Error(need)),
              },
            ]}
          >
            <Checkbox.Group
              options={labels}
              style={{ display: 'flex', flexDirection: 'column' }}
              data-testid="appraise-checks"
            />
          </Form.Item>
          <Form.Item name="notes" label={t('step.notes')}>
            <Input.TextArea rows={2} data-testid="step-notes" />
          </Form.Item>
          <Actions busy={busy} onCancel={onCancel} />
        </Form>
      );
    }
    case 'request_supplement': {
      const names = dossier.documents
        .map((d) => d.name)
        .concat((procedure?.requiredDocuments ?? []).map((d) => d.name));
      const options = [...new Set(names)].map((n) => ({ value: n, label: n }));
      return (
        <Form
          autoComplete="off"
          {...common}
          initialValues={{ documents: [], reason: '', overrideReason: '' }}
          onFinish={(v: { documents: string[]; reason: string; overrideReason: string }) =>
            onSubmit({
              type,
              documents: v.documents.map((name) => ({
                name,
                action: dossier.documents.some((d) => d.name === name) ? 'fix' : 'add',
                note: '',
              })),
              reason: v.reason,
              withinDeadline: inTime,
              ...(inTime ? {} : { overrideReason: v.overrideReason }),
            })
          }
        >
          <Form.Item
            name="documents"
            label={t('step.missing_docs')}
            rules={[{ required: true, message: need }]}
          >
            <Select mode="tags" options={options} data-testid="supplement-documents" />
          </Form.Item>
          <Form.Item name="reason" label={t('step.reason')} rules={required(need)}>
            <Input.TextArea rows={2} data-testid="step-reason" />
          </Form.Item>
          {!inTime && (
            <Form.Item name="overrideReason" label={t('step.late_supplement')} rules={required(need)}>
              <Input.TextArea rows={2} data-testid="step-override-reason" />
            </Form.Item>
          )}
          <Actions busy={busy} onCancel={onCancel} />
        </Form>
      );
    }
    case 'supplement_received':
    case 'complete_intake':
      return <RestartForm {...props} type={type} />;
    case 'approve':
      return (
        <Form
          autoComplete="off"
          {...common}
          initialValues={{ comment: '' }}
          onFinish={(v: { comment: string }) => onSubmit({ type, comment: v.comment ?? '' })}
        >
          <Form.Item name="comment" label={t('step.comment')}>
            <Input.TextArea rows={2} data-testid="step-comment" autoFocus />
          </Form.Item>
          <Actions busy={busy} onCancel={onCancel} />
        </Form>
      );
    case 'seal':
      return <SealForm {...props} form={form} need={need} />;
    case 'return_result':
      return <ReturnResultForm {...props} form={form} need={need} earliness={earliness} rating={rating} />;
    case 'apologize_extend': {
      if (dossier.originalDueAt)
        return <Alert type="warning" title={t('step.apology_once')} data-testid="apology-once" />;
      // The new date is a working day after the one being missed and after today.
      const minDay = dayjs(apologyEarliestDay(dossier.dueAt, now, services));
      const dateRule = {
        validator: (_: unknown, v: Dayjs | null) => {
          if (!v) return Promise.reject(new Error(need));
          const problem = apologyDateProblem(v.format('YYYY-MM-DD'), dossier.dueAt, now, services);
          return problem ? Promise.reject(new Error(t(problem))) : Promise.resolve();
        },
      };
      return (
        <Form
          autoComplete="off"
          {...common}
          initialValues={{ reason: '', newDue: minDay }}
          onFinish={(v: { reason: string; newDue: Dayjs }) =>
            onSubmit({ type, reason: v.reason, newDueAt: endOfWorkingDayIso(v.newDue.format('YYYY-MM-DD')) })
          }
        >
          <Form.Item name="reason" label={t('step.apology_reason')} rules={required(need)}>
            <Input.TextArea rows={2} data-testid="step-reason" autoFocus />
          </Form.Item>
          <Form.Item name="newDue" label={t('step.new_due')} rules={[dateRule]}>
            <DatePicker
              format="DD/MM/YYYY"
              disabledDate={(d) =>
                d.isBefore(minDay, 'day') || !services.isWorkingDay(d.format('YYYY-MM-DD'))
              }
              data-testid="apology-new-due"
            />
          </Form.Item>
          <Actions busy={busy} onCancel={onCancel} />
        </Form>
      );
    }
    case 'edit_details':
      return <EditDetailsForm {...props} form={form} />;
    default:
      // refuse, return_to_appraisal, withdraw, stop: a reason is all they need.
      return (
        <Form
          autoComplete="off"
          {...common}
          initialValues={{ reason: '' }}
          onFinish={(v: { reason: string }) => onSubmit({ type, reason: v.reason })}
        >
          <Form.Item name="reason" label={t('step.reason')} rules={required(need)}>
            <Input.TextArea rows={2} data-testid="step-reason" autoFocus />
          </Form.Item>
          <Actions busy={busy} onCancel={onCancel} />
        </Form>
      );
  }
}

type StepFormProps = Props & { form: FormInstance };

const formProps = (form: FormInstance, type: CommandType) => ({
  form,
  layout: 'vertical' as const,
  'data-testid': `step-form-${type}`,
});

/** Handing the result over: who collects it, the identity check, the timing and the rating. */
function ReturnResultForm(
  props: StepFormProps & { need: string; earliness: ReturnTiming; rating: string | undefined },
) {
  const { t } = useRatingTranslation();
  const { dossier, now, busy, onSubmit, onCancel, form, need, earliness, rating } = props;
  const common = formProps(form, 'return_result');
  // With a rating screen attached the citizen rates there; the officer's click is the fallback.
  const screenAttached = useRatingDeskState().attached;
  return (
    <Form
      autoComplete="off"
      {...common}
      initialValues={{
        relation: 'self',
        name: dossier.applicant.fullName,
        idNumber: dossier.applicant.idNumber,
        identityChecked: false,
        rating: undefined,
        reason: '',
      }}
      onFinish={(v: {
        relation: 'self' | 'authorised';
        name: string;
        idNumber: string;
        rating?: 'very_satisfied' | 'satisfied' | 'dissatisfied';
        reason: string;
      }) =>
        onSubmit({
          type: 'return_result',
          collector: { name: v.name, idNumber: v.idNumber, relation: v.relation },
          returnedAt: now,
          earliness,
          rating: v.rating && !screenAttached ? { level: v.rating, reason: v.reason ?? '' } : null,
        })
      }
    >
      <Form.Item name="relation" label={t('step.collector_is_applicant')}>
        <Radio.Group
          options={[
            { value: 'self', label: t('common.yes') },
            { value: 'authorised', label: t('common.no') },
          ]}
        />
      </Form.Item>
      <Flex gap={8}>
        <Form.Item name="name" label={t('step.collector_name')} rules={required(need)} style={{ flex: 1 }}>
          <Input autoComplete="off" data-testid="collector-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('step.collector_id')} rules={required(need)} style={{ flex: 1 }}>
          <Input autoComplete="off" data-testid="collector-id" />
        </Form.Item>
      </Flex>
      <Form.Item
        name="identityChecked"
        valuePropName="checked"
        rules={[{ validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(need))) }]}
      >
        <Checkbox data-testid="identity-checked">{t('step.identity_checked')}</Checkbox>
      </Form.Item>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('step.handed_over_at')}>{formatDateTime(now)}</Descriptions.Item>
        <Descriptions.Item label={t('step.timing_now')}>
          <strong className={`timing-${earliness}`} data-testid="return-timing" data-timing={earliness}>
            {t(`dossier.timing.${earliness}`)}
          </strong>
        </Descriptions.Item>
      </Descriptions>
      {screenAttached ? (
        <Alert type="info" showIcon title={t('rating_screen.at_return')} data-testid="rating-on-screen" />
      ) : (
        <Form.Item name="rating" label={t('step.rating')}>
          <Radio.Group
            data-testid="rating"
            options={(['very_satisfied', 'satisfied', 'dissatisfied'] as const).map((r) => ({
              value: r,
              label: t(`rating.${r}`),
            }))}
          />
        </Form.Item>
      )}
      {rating === 'dissatisfied' && !screenAttached && (
        <Form.Item name="reason" label={t('step.rating_reason')} rules={required(need)}>
          <Input.TextArea rows={2} data-testid="rating-reason" />
        </Form.Item>
      )}
      <Actions busy={busy} onCancel={onCancel} />
    </Form>
  );
}

/** The applicant's contact details and the dossier's notes, corrected as a recorded step. */
function EditDetailsForm(props: StepFormProps) {
  const { t } = useTranslation();
  const { dossier, busy, onSubmit, onCancel, form } = props;
  const common = formProps(form, 'edit_details');
  // The applicant's contact details (a wrong phone, a move) and the dossier's notes, corrected
  // as a recorded step; checked as at intake before the step is taken.
  const contact = CONTACT_FIELDS;
  type EditForm = { phone: string; email: string; address: string; notes: string };
  const submitEdit = (v: EditForm) => {
    const checked = validateApplicant({ ...dossier.applicant, ...v });
    if (!checked.ok) {
      form.setFields(fieldErrors(contact, checked.errors));
      return;
    }
    // Compared and recorded as intake stores them (a phone retyped with spaces is the same phone).
    const typed = checked.value;
    const applicant = Object.fromEntries(
      contact.filter((k) => typed[k] !== dossier.applicant[k]).map((k) => [k, typed[k]]),
    );
    const notes = v.notes.trim() === dossier.notes ? undefined : v.notes.trim();
    if (Object.keys(applicant).length === 0 && notes === undefined) {
      form.setFields([{ name: 'phone', errors: [t('step.edit_nothing')] }]);
      return;
    }
    onSubmit({
      type: 'edit_details',
      ...(Object.keys(applicant).length ? { applicant } : {}),
      ...(notes !== undefined ? { notes } : {}),
    });
  };
  return (
    <Form
      autoComplete="off"
      {...common}
      initialValues={{
        phone: dossier.applicant.phone,
        email: dossier.applicant.email,
        address: dossier.applicant.address,
        notes: dossier.notes,
      }}
      onFinish={submitEdit}
    >
      <Form.Item name="phone" label={t('receive.phone')}>
        <Input inputMode="tel" autoComplete="off" data-testid="edit-phone" autoFocus />
      </Form.Item>
      <Form.Item name="email" label={t('receive.email')}>
        <Input inputMode="email" autoComplete="off" data-testid="edit-email" />
      </Form.Item>
      <Form.Item name="address" label={t('receive.address')}>
        <Input autoComplete="off" data-testid="edit-address" />
      </Form.Item>
      <Form.Item name="notes" label={t('step.notes')}>
        <Input.TextArea rows={2} data-testid="edit-notes" />
      </Form.Item>
      <Actions busy={busy} onCancel={onCancel} />
    </Form>
  );
}

/** The result document the office seals: its type, number, date and signer. */
function SealForm(props: StepFormProps & { need: string }) {
  const { t } = useTranslation();
  const { busy, onSubmit, onCancel, form, need } = props;
  const common = formProps(form, 'seal');
  return (
    <Form
      autoComplete="off"
      {...common}
      initialValues={{ documentType: '', number: '', date: dayjs(), signer: '' }}
      onFinish={(v: { documentType: string; number: string; date: Dayjs; signer: string }) =>
        onSubmit({
          type: 'seal',
          result: {
            documentType: v.documentType.trim(),
            number: v.number.trim(),
            date: v.date.format('YYYY-MM-DD'),
            signer: v.signer.trim(),
          },
        })
      }
    >
      <Form.Item name="documentType" label={t('step.result_type')} rules={required(need)}>
        <Input data-testid="seal-documentType" autoFocus />
      </Form.Item>
      <Flex gap={8}>
        <Form.Item name="number" label={t('step.result_number')} rules={required(need)} style={{ flex: 1 }}>
          <Input data-testid="seal-number" />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('step.result_date')}
          rules={[{ required: true, message: need }]}
          style={{ flex: 1 }}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="seal-date" />
        </Form.Item>
      </Flex>
      <Form.Item name="signer" label={t('step.result_signer')} rules={required(need)}>
        <Input data-testid="seal-signer" />
      </Form.Item>
      <Actions busy={busy} onCancel={onCancel} />
    </Form>
  );
}
