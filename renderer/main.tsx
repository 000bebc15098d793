import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { App } from './app/App';
import { openCounterServices } from './app/wiring';
import { registerOffline } from './app/offline';
import { SyncPanel, syncHost } from './features/sync';
import './app/app.css';

async function start() {
  await initI18n();
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <App openServices={openCounterServices} syncStatus={<SyncPanel host={syncHost} />} />,
    );
  // After the first render: the cache then holds exactly what this page loaded.
  void registerOffline();
}

void start();
