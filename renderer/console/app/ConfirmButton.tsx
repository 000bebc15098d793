import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

/** A small table-row button whose action runs only once the admin confirms `question` (yes / no). */
export function ConfirmButton({
  question,
  label,
  onConfirm,
  testId,
  danger,
}: {
  question: string;
  label: string;
  onConfirm: () => void;
  testId: string;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm title={question} onConfirm={onConfirm} okText={t('form.yes')} cancelText={t('form.no')}>
      <Button size="small" danger={danger} data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}
