import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { App as AntApp, Button, ConfigProvider, Flex, Input, Segmented, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import viVN from 'antd/es/locale/vi_VN';
import enUS from 'antd/es/locale/en_US';
import { RATINGS } from '../../../shared/domain';
import { useRatingTranslation } from './i18n';
import { openRatingPort } from './messages';
import { createScreenLink, type ScreenLink, type ScreenState } from './screen-link';

type Level = (typeof RATINGS)[number];
const COLORS: Record<Level, string> = {
  very_satisfied: '#1b7f3b',
  satisfied: '#1d5fa8',
  dissatisfied: '#b71c1c',
};

/**
 * The citizen-facing window (#/rating): no login and no database; it shows the dossier the counter
 * just returned and sends the citizen's choice back to the counter window, which records it.
 */
export function RatingApp() {
  const { i18n } = useRatingTranslation();
  const [link] = useState<ScreenLink>(() =>
    createScreenLink({ port: openRatingPort(), screenId: crypto.randomUUID() }),
  );
  useEffect(() => {
    // The citizen's screen starts in Vietnamese whatever the officer chose at the counter.
    void i18n.changeLanguage('vi');
    const leave = () => link.close();
    window.addEventListener('pagehide', leave);
    document.body.dataset.screen = 'rating';
    document.body.dataset.appReady = 'true';
    return () => window.removeEventListener('pagehide', leave);
  }, [i18n, link]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : viVN}
      theme={{ token: { colorPrimary: '#b71c1c', fontSize: 20 } }}
    >
      <AntApp>
        <RatingScreen link={link} />
      </AntApp>
    </ConfigProvider>
  );
}

const huge = { fontSize: 40, lineHeight: 1.2 };

/** The screen as the link's state says; each new question starts from the three choices. */
export function RatingScreen({ link }: { link: ScreenLink }) {
  const state = useSyncExternalStore(link.subscribe, link.get);
  return <RatingBody key={state.question?.dossierId ?? ''} link={link} state={state} />;
}

function RatingBody({ link, state }: { link: ScreenLink; state: ScreenState }) {
  const { t, i18n } = useRatingTranslation();
  const [choosingReason, setChoosingReason] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRef = useRef<TextAreaRef>(null);
  const question = state.question;
  const asking = question !== null && (state.phase === 'asking' || state.phase === 'failed');

  const choose = (level: Level) => {
    if (level === 'dissatisfied') {
      setChoosingReason(true);
      window.setTimeout(() => reasonRef.current?.focus(), 0);
      return;
    }
    link.rate({ level, reason: '' });
  };
  const sendReason = () => {
    if (reason.trim() === '') {
      setReasonMissing(true);
      reasonRef.current?.focus();
      return;
    }
    link.rate({ level: 'dissatisfied', reason: reason.trim() });
  };

  // 1 / 2 / 3 choose; Esc goes back from the reason; Ctrl+Enter sends it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!asking) return;
      if (choosingReason) {
        if (event.key === 'Escape') setChoosingReason(false);
        else if (event.key === 'Enter' && event.ctrlKey) sendReason();
        return;
      }
      const level = RATINGS[Number(event.key) - 1];
      if (level && /^[123]$/.test(event.key)) {
        event.preventDefault();
        choose(level);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Flex
      vertical
      align="center"
      gap={24}
      style={{ minHeight: '100vh', padding: '24px 32px', boxSizing: 'border-box' }}
      data-testid="rating-screen"
      data-phase={state.phase}
      data-dossier-id={question?.dossierId ?? ''}
    >
      <Flex justify="space-between" align="center" style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('rating_screen.title')}
        </Typography.Title>
        <Segmented
          value={i18n.language === 'en' ? 'en' : 'vi'}
          options={[
            { label: 'Tiếng Việt', value: 'vi' },
            { label: 'English', value: 'en' },
          ]}
          onChange={(lng) => void i18n.changeLanguage(lng)}
          data-testid="rating-language"
        />
      </Flex>

      {state.phase === 'idle' && (
        <Flex vertical align="center" gap={12} style={{ marginTop: 120 }}>
          <Typography.Text style={huge}>{t('rating_screen.idle')}</Typography.Text>
          <Typography.Text type="secondary">{t('rating_screen.idle_hint')}</Typography.Text>
        </Flex>
      )}
      {state.phase === 'thanks' && (
        <Typography.Text
          style={{ ...huge, marginTop: 160, color: COLORS.very_satisfied }}
          data-testid="rating-thanks"
        >
          {t('rating_screen.thanks')}
        </Typography.Text>
      )}

      {question && state.phase !== 'thanks' && (
        <Flex vertical align="center" gap={8} data-testid="rating-dossier" data-code={question.code}>
          <Typography.Text type="secondary">
            {t('rating_screen.dossier')} <strong>{question.code}</strong>
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 26 }}>
            {question.applicantName}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 20 }}>{question.procedureName}</Typography.Text>
          <Typography.Text style={{ fontSize: 28, marginTop: 12 }}>
            {t('rating_screen.question')}
          </Typography.Text>
        </Flex>
      )}

      {question && state.phase !== 'thanks' && !choosingReason && (
        <Flex gap={24} justify="center" style={{ width: '100%' }}>
          {RATINGS.map((level, i) => (
            <Button
              key={level}
              onClick={() => choose(level)}
              disabled={!asking}
              data-testid={`rate-${level}`}
              style={{
                ...huge,
                height: 190,
                width: 380,
                whiteSpace: 'normal',
                borderWidth: 3,
                borderColor: COLORS[level],
                color: COLORS[level],
              }}
            >
              <span>
                <small style={{ display: 'block', fontSize: 24 }}>{i + 1}</small>
                {t(`rating.${level}`)}
              </span>
            </Button>
          ))}
        </Flex>
      )}

      {question && choosingReason && state.phase !== 'thanks' && (
        <Flex vertical gap={12} style={{ width: 760 }}>
          <Typography.Text style={{ ...huge, color: COLORS.dissatisfied }}>
            {t('rating.dissatisfied')}
          </Typography.Text>
          <label htmlFor="rating-reason" style={{ fontSize: 24 }}>
            {t('rating_screen.reason')}
          </label>
          <Input.TextArea
            id="rating-reason"
            ref={reasonRef}
            rows={4}
            maxLength={1000}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonMissing(false);
            }}
            status={reasonMissing ? 'error' : undefined}
            style={{ fontSize: 24 }}
            data-testid="rate-reason"
          />
          {reasonMissing && (
            <Typography.Text type="danger" data-testid="rate-reason-required">
              {t('rating_screen.reason_required')}
            </Typography.Text>
          )}
          <Flex gap={16}>
            <Button
              type="primary"
              size="large"
              onClick={sendReason}
              disabled={!asking}
              data-testid="rate-send"
              style={{ fontSize: 26, height: 64, paddingInline: 40 }}
            >
              {t('rating_screen.send')}
            </Button>
            <Button
              size="large"
              onClick={() => setChoosingReason(false)}
              style={{ fontSize: 22, height: 64 }}
            >
              {t('rating_screen.back')}
            </Button>
          </Flex>
        </Flex>
      )}

      {state.phase === 'sending' && (
        <Typography.Text style={{ fontSize: 24 }}>{t('rating_screen.sending')}</Typography.Text>
      )}
      {state.phase === 'failed' && (
        <Typography.Text type="danger" style={{ fontSize: 24 }} data-testid="rating-failed">
          {t('rating_screen.failed', { message: t(state.message, { defaultValue: state.message }) })}
        </Typography.Text>
      )}
      {asking && !choosingReason && (
        <Typography.Text type="secondary">{t('rating_screen.key_hint')}</Typography.Text>
      )}
    </Flex>
  );
}
