import { Card, DatePicker, InputNumber, Space, Statistic, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { dueDateEffect, formatVi, localToIso, type HolidaySchedule } from '../../../../shared/calendar';
import { useHolidaysTranslation } from './i18n';

/** The appointment an example dossier gets under the schedules in force and under the edited year. */
export function DueDateEffectCard({
  current,
  edited,
}: {
  current: readonly HolidaySchedule[];
  edited: HolidaySchedule;
}) {
  const { t } = useHolidaysTranslation();
  const [received, setReceived] = useState<Dayjs>(() => dayjs(`${edited.year}-01-02T09:00`));
  const [days, setDays] = useState(5);
  const effect = useMemo(() => {
    try {
      const receivedAt = localToIso(received.format('YYYY-MM-DD'), received.format('HH:mm'));
      return dueDateEffect({ receivedAt, legalTime: { unit: 'working_days', value: days } }, current, edited);
    } catch {
      return null;
    }
  }, [received, days, current, edited]);
  return (
    <Card size="small" title={t('holidays.effect.title')} data-testid="holiday-effect">
      <Space wrap align="end">
        <label>
          <div>{t('holidays.effect.receivedAt')}</div>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="HH:mm DD/MM/YYYY"
            value={received}
            allowClear={false}
            onChange={(d) => d && setReceived(d)}
          />
        </label>
        <label>
          <div>{t('holidays.effect.days')}</div>
          <InputNumber min={1} max={365} value={days} onChange={(v) => setDays(v ?? 1)} />
        </label>
      </Space>
      {effect && (
        <Space size="large" style={{ marginTop: 12 }} wrap>
          <Statistic title={t('holidays.effect.before')} value={formatVi(effect.before)} />
          <Statistic
            title={t('holidays.effect.after')}
            value={formatVi(effect.after)}
            styles={{ content: { color: effect.shiftDays === 0 ? undefined : '#cf1322' } }}
          />
          <Tag color={effect.shiftDays === 0 ? 'default' : 'orange'} data-testid="holiday-effect-shift">
            {effect.shiftDays === 0
              ? t('holidays.effect.same')
              : t('holidays.effect.shift', { count: effect.shiftDays })}
          </Tag>
        </Space>
      )}
    </Card>
  );
}
