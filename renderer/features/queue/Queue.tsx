import { useEffect, useRef, useState } from 'react';
import type { InputRef } from 'antd';
import { Alert, Card, Col, Flex, Input, Row, Statistic, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/domain';
import { DOSSIER_CODE_PATTERN } from '../../../shared/domain';
import { formatNumber } from '../../app/format';
import { navigate } from '../../app/router';
import { useLive } from '../../app/useAsync';
import { FOCUS_LOOKUP_EVENT } from '../../app/Shell';
import { DossierTable } from '../dossier/DossierTable';
import { WatchTag } from '../overdue/WatchTag';
import { useSession } from '../session/service';
import { ServerLookupNotice, type ServerLookupState } from './ServerLookupNotice';
import { useQueueService, type QueueKind, type ServerSearch } from './service';

const KINDS: QueueKind[] = ['mine', 'today', 'due_soon', 'overdue'];

/** Home: counts, the lookup box a barcode scanner types into, search, and the queues. */
export function QueueScreen() {
  const { t } = useTranslation();
  const services = useQueueService();
  const session = useSession();
  const [kind, setKind] = useState<QueueKind>('mine');
  const [lookup, setLookup] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Dossier[] | null>(null);
  const [server, setServer] = useState<ServerLookupState | null>(null);

  // The scanner types into whatever has focus: keep it on the lookup box.
  const lookupRef = useRef<InputRef>(null);
  useEffect(() => {
    const focus = () => lookupRef.current?.focus();
    const timer = window.setTimeout(focus, 0);
    window.addEventListener(FOCUS_LOOKUP_EVENT, focus);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener(FOCUS_LOOKUP_EVENT, focus);
    };
  }, []);

  // The watch judges rows at load time; a list reloads on every replica change.
  const tagOf = (d: Dossier) => <WatchTag watch={services.watchOf(d, new Date().toISOString())} />;
  const counts = useLive(() => services.queueCounts(session), [session.role, session.officer.id]);
  const list = useLive(() => services.listQueue(kind, session), [kind, session.role, session.officer.id]);

  /**
   * Nothing local matched `text`: ask the provincial server (the replica may not hold the office's
   * older history yet). Answers what it found, now stored in the replica, or null.
   */
  const askServer = async (text: string): Promise<Extract<ServerSearch, { status: 'found' }> | null> => {
    setServer({ phase: 'searching', text });
    try {
      const answer = await services.searchServer(text);
      setServer({ phase: 'answered', text, answer });
      return answer.status === 'found' ? answer : null;
    } catch (error) {
      setServer({ phase: 'failed', text, message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };

  // A scanner types the code and Enter: open the dossier straight away.
  const submitLookup = async (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!code) return;
    setServer(null);
    setNotFound(null);
    const found = await services.findByCode(code);
    if (found) {
      navigate({ name: 'dossier', id: found.id });
      return;
    }
    setLookup('');
    const remote = DOSSIER_CODE_PATTERN.test(code) ? await askServer(code) : null;
    if (remote?.dossiers[0]) navigate({ name: 'dossier', id: remote.dossiers[0].id });
    else if (!DOSSIER_CODE_PATTERN.test(code)) setNotFound(code);
  };

  const submitSearch = async (text: string) => {
    const q = text.trim();
    setServer(null);
    const local = q ? await services.search(q) : null;
    setResults(local);
    // Found here: enough, unless the office's older history has not all come down yet.
    if (!local || (local.length > 0 && services.historyComplete())) return;
    const remote = await askServer(q);
    if (!remote) return;
    if (local.length > 0) {
      const known = new Set(local.map((d) => d.id));
      setResults([...local, ...remote.dossiers.filter((d) => !known.has(d.id))]);
    } else if (remote.dossiers.length === 1 && !remote.more)
      navigate({ name: 'dossier', id: remote.dossiers[0]!.id });
    else setResults(remote.dossiers);
  };

  return (
    <Flex vertical gap={16} data-testid="queue-screen">
      <Row gutter={16}>
        {KINDS.map((k) => (
          <Col span={6} key={k}>
            <Card size="small" hoverable onClick={() => setKind(k)} data-testid={`count-${k}`}>
              <Statistic
                title={t(`queue.${k}`)}
                value={counts.data ? counts.data[k] : 0}
                formatter={(v) => <span data-testid={`count-${k}-value`}>{formatNumber(Number(v))}</span>}
                styles={{
                  content: k === 'overdue' && (counts.data?.overdue ?? 0) > 0 ? { color: '#cf1322' } : {},
                }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Input.Search
            ref={lookupRef}
            size="large"
            autoFocus
            allowClear
            value={lookup}
            onChange={(e) => setLookup(e.target.value)}
            onSearch={(v) => void submitLookup(v)}
            placeholder={t('queue.lookup_placeholder')}
            enterButton={t('nav.lookup')}
            data-testid="lookup-input"
          />
          {notFound && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              title={t('queue.lookup_not_found', { code: notFound })}
              data-testid="lookup-not-found"
            />
          )}
        </Col>
        <Col span={12}>
          <Input.Search
            size="large"
            allowClear
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              if (!e.target.value) setResults(null);
            }}
            onSearch={(v) => void submitSearch(v)}
            placeholder={t('queue.search_placeholder')}
            enterButton={t('queue.search')}
            data-testid="search-input"
          />
        </Col>
      </Row>
      {server && <ServerLookupNotice state={server} />}
      {results !== null && (
        <Card size="small" title={t('queue.results')}>
          <DossierTable dossiers={results} testId="search-results" tagOf={tagOf} />
        </Card>
      )}
      <Card size="small">
        <Tabs
          activeKey={kind}
          onChange={(k) => setKind(k as QueueKind)}
          items={KINDS.map((k) => ({
            key: k,
            label: <span data-testid={`tab-${k}`}>{t(`queue.${k}`)}</span>,
          }))}
        />
        <DossierTable dossiers={list.data ?? []} loading={list.loading} testId="queue-list" tagOf={tagOf} />
        {list.error && <Alert type="error" title={t('errors.generic', { message: list.error.message })} />}
      </Card>
    </Flex>
  );
}
