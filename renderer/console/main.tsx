import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './app/ConsoleApp';
import { initConsoleI18n } from './app/i18n';
import './app/console.css';

/** The administration console (served by the provincial server at /console/). */
async function start() {
  await initConsoleI18n();
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<ConsoleApp />);
}

void start();
