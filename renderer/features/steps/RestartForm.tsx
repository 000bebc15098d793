import { useMemo } from 'react';
import { Checkbox, Descriptions, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { documentsNotReceived, mandatoryStillMissing, withSupplemented } from './intake-documents';
import { useStepsService, type StepProps } from './service';
import { Actions } from './StepActions';

type Props = StepProps<'complete_intake' | 'supplement_received'>;

/**
 * The complete dossier arrives: the clock (re)starts and the new appointment is shown before
 * confirming. Completing an incomplete intake also records the documents the citizen brought (those
 * it lacked, the mandatory ones ticked to start with), so form 01 lists them.
 */
export function RestartForm({ type, dossier, procedure, now, busy, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const services = useStepsService();
  const [form] = Form.useForm<{ supplemented: string[] }>();
  const restartDue = useMemo(
    () => (procedure ? services.computeDueAt(now, procedure) : ''),
    [procedure, now, services],
  );
  const missing = type === 'complete_intake' ? documentsNotReceived(dossier, procedure) : [];
  const mandatory = missing.filter((d) => d.mandatory).map((d) => d.id);
  return (
    <Form
      autoComplete="off"
      form={form}
      layout="vertical"
      data-testid={`step-form-${type}`}
      initialValues={{ supplemented: mandatory }}
      onFinish={(v: { supplemented?: string[] }) =>
        onSubmit({
          type,
          clockStartAt: now,
          dueAt: restartDue,
          documents: withSupplemented(dossier, missing, v.supplemented ?? []),
          ...(type === 'complete_intake' ? { receivedAt: now } : {}),
        })
      }
    >
      {missing.length > 0 && (
        <Form.Item
          name="supplemented"
          label={t('step.supplemented_docs')}
          rules={[
            {
              validator: (_, ids: string[] | undefined) => {
                const names = mandatoryStillMissing(missing, ids ?? []);
                return names.length === 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('receive.missing_mandatory', { names: names.join('; ') })));
              },
            },
          ]}
        >
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={missing.map((d) => ({ value: d.id, label: d.mandatory ? `${d.name} *` : d.name }))}
            data-testid="supplemented-documents"
          />
        </Form.Item>
      )}
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('dossier.due_at')}>
          <span className="appointment" data-testid="new-due" data-due-at={restartDue}>
            {formatDateTime(restartDue)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Actions busy={busy} onCancel={onCancel} disabled={!restartDue} />
    </Form>
  );
}
