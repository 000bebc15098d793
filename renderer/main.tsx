import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { App } from './app/App';
import { parseRoute } from './app/router';
import { openCounterServices } from './app/wiring';
import { registerOffline } from './app/offline';
import { RatingApp } from './features/rating/RatingScreen';
import { SyncPanel, syncHost } from './features/sync';
import './app/app.css';

async function start() {
  await initI18n();
  const root = document.getElementById('root');
  // The citizen's rating window opens no database and no session: it only talks to the counter.
  if (root && parseRoute(location.hash).name === 'rating') createRoot(root).render(<RatingApp />);
  else if (root)
    createRoot(root).render(
      <App openServices={openCounterServices} syncStatus={<SyncPanel host={syncHost} />} />,
    );
  // After the first render: the cache then holds exactly what this page loaded.
  void registerOffline();
}

void start();
