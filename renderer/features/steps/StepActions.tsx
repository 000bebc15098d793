import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** Confirm (the form's submit, so Enter takes the step) and cancel, under every step form. */
export function Actions({
  busy,
  onCancel,
  disabled,
}: {
  busy: boolean;
  onCancel: () => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8}>
      <Button type="primary" htmlType="submit" loading={busy} disabled={disabled} data-testid="step-submit">
        {t('step.confirm')}
      </Button>
      <Button onClick={onCancel}>{t('step.cancel')}</Button>
    </Flex>
  );
}
