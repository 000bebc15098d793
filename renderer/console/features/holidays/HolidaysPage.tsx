import {
  Alert,
  Button,
  Calendar,
  Card,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  SHIPPED_SCHEDULES,
  formatDateVi,
  scheduleChanges,
  type HolidaySchedule,
} from '../../../../shared/calendar';
import { DueDateEffectCard } from './DueDateEffect';
import { useHolidaysTranslation } from './i18n';
import { choicesFor, dayState, setDay, type DayChoice } from './model';
import type { HolidaysService, HolidayYear } from './service';

export interface HolidaysPageProps {
  service: HolidaysService;
  /** The year shown first (this year by default). */
  initialYear?: number;
  /** False for an office's admin: the schedule is the province's, they may only read it. */
  canEdit?: boolean;
}

const TAG_COLOR: Record<DayChoice, string> = {
  ordinary: 'default',
  day_off: 'red',
  observed: 'volcano',
  make_up_workday: 'blue',
};

/**
 * The year's holidays and make-up working days on a calendar, starting from what the province
 * holds (or the official schedule), edited day by day, with the effect on an example due date
 * shown before saving. A saved year reaches the counters at their next sync.
 */
export function HolidaysPage({ service, initialYear, canEdit = true }: HolidaysPageProps) {
  const { t } = useHolidaysTranslation();
  const [year, setYear] = useState(initialYear ?? dayjs().year());
  const [loaded, setLoaded] = useState<HolidayYear | null>(null);
  const [stored, setStored] = useState<HolidaySchedule[]>([]);
  const [edited, setEdited] = useState<HolidaySchedule | null>(null);
  const [picked, setPicked] = useState<{ date: string; choice: DayChoice; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([service.loadYear(year), service.storedSchedules()]).then(
      ([y, all]) => {
        if (!live) return;
        setLoaded(y);
        setStored(all);
        setEdited(y.stored ?? y.official);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [service, year]);

  // Until the chosen year has loaded, the previous year's answer is not shown.
  const ready = loaded?.year === year && edited?.year === year;
  const inForce = ready ? (loaded.stored ?? loaded.official) : null;
  const current = useMemo(() => [...SHIPPED_SCHEDULES, ...stored], [stored]);
  const changes = useMemo(
    () => (inForce && edited ? scheduleChanges(inForce, edited) : []),
    [inForce, edited],
  );

  const save = async () => {
    if (!edited) return;
    setSaving(true);
    try {
      const saved = await service.saveYear(edited);
      setLoaded((l) => (l ? { ...l, stored: saved } : l));
      setStored((all) => [...all.filter((s) => s.year !== saved.year), saved]);
      setEdited(saved);
      void message.success(t('holidays.saved', { year: saved.year }));
    } catch (e) {
      void message.error(t('holidays.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSaving(false);
    }
  };

  const cell = (day: Dayjs) => {
    if (!ready || day.year() !== year) return null;
    const state = dayState(edited, day.format('YYYY-MM-DD'));
    if (state.choice === 'ordinary') return null;
    return (
      <Tag
        color={TAG_COLOR[state.choice]}
        style={{ whiteSpace: 'normal' }}
        data-date={day.format('YYYY-MM-DD')}
      >
        {state.name || t(`holidays.choice.${state.choice}`)}
      </Tag>
    );
  };

  const source = loaded?.stored
    ? 'stored'
    : loaded?.official.source === 'generated'
      ? 'generated'
      : 'official';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="holidays-page">
      <Card
        title={t('holidays.title')}
        extra={
          <Space wrap>
            <Select
              aria-label={t('holidays.year')}
              value={year}
              onChange={setYear}
              options={Array.from({ length: 6 }, (_, i) => dayjs().year() - 1 + i).map((y) => ({
                value: y,
                label: y,
              }))}
            />
            {canEdit && (
              <Button
                disabled={!loaded}
                onClick={() => loaded && setEdited(loaded.official)}
                data-testid="holidays-official"
              >
                {t('holidays.fromOfficial')}
              </Button>
            )}
            {canEdit && (
              <Button
                type="primary"
                loading={saving}
                disabled={!edited}
                onClick={() => void save()}
                data-testid="holidays-save"
              >
                {t('holidays.save', { year })}
              </Button>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={t('holidays.error', { message: error })} />}
        {ready && (
          <Space wrap>
            <Tag>{t(`holidays.source.${source}`)}</Tag>
            {changes.length > 0 && (
              <Typography.Text type="warning" data-testid="holidays-unsaved">
                {t('holidays.unsaved', { count: changes.length })}
              </Typography.Text>
            )}
          </Space>
        )}
        {ready && (
          <Calendar
            key={year}
            defaultValue={dayjs(`${year}-01-01`)}
            validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
            cellRender={(day, info) => (info.type === 'date' ? cell(day) : null)}
            onSelect={(day, info) => {
              if (!canEdit || info.source !== 'date') return;
              const date = day.format('YYYY-MM-DD');
              const state = dayState(edited, date);
              setPicked({ date, choice: state.choice, name: state.name });
            }}
          />
        )}
      </Card>
      {ready && <DueDateEffectCard key={year} current={current} edited={edited} />}
      <Modal
        open={picked !== null}
        title={picked ? t('holidays.dayTitle', { date: formatDateVi(picked.date) }) : ''}
        okText={t('holidays.apply')}
        cancelText={t('holidays.cancel')}
        onCancel={() => setPicked(null)}
        onOk={() => {
          if (picked && edited) setEdited(setDay(edited, picked.date, picked.choice, picked.name));
          setPicked(null);
        }}
        data-testid="holiday-day"
      >
        {picked && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Radio.Group
              value={picked.choice}
              onChange={(e) => setPicked({ ...picked, choice: e.target.value as DayChoice })}
              options={choicesFor(picked.date).map((c) => ({ value: c, label: t(`holidays.choice.${c}`) }))}
            />
            {picked.choice !== 'ordinary' && (
              <Input
                aria-label={t('holidays.name')}
                placeholder={t('holidays.name')}
                maxLength={200}
                value={picked.name}
                onChange={(e) => setPicked({ ...picked, name: e.target.value })}
              />
            )}
          </Space>
        )}
      </Modal>
    </Space>
  );
}
