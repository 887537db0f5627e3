// Entry point: pick the transport for this host, read the query-string settings, render.
// Each app loads its own stylesheet (and the shared one): none is loaded here.
// zod-csp comes first: it must configure zod before any shared schema is built.
import './shared/lib/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadApp, type AppMode } from './App';
import { startKiosk } from './kiosk/lib/head-start';
import { readKioskConfig } from './kiosk/lib/kiosk-config';
import { createTransport } from './shared/transport';

/** Electron says which window this is; the listener serves the same page at /kiosk/, /manager/ and /door/. */
async function detectMode(): Promise<AppMode> {
  if (window.marquee) return (await window.marquee.info().catch(() => null))?.mode ?? 'kiosk';
  const path = window.location.pathname;
  return path.includes('/manager/') ? 'manager' : path.includes('/door/') ? 'door' : 'kiosk';
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
const mode = await detectMode();
const transport = createTransport(mode);
// This window's app and the start screen's requests travel together, instead of one after
// another after React's first commit (kiosk/lib/head-start.ts). The app's files are asked for
// first: they arrive last (more bytes, and the answers are small), and asked first they get
// the connections the entry's scripts left open.
const app = loadApp(mode);
const headStart = mode === 'kiosk' ? startKiosk(transport) : undefined;
const App = await app;

createRoot(root).render(
  <StrictMode>
    <App transport={transport} config={readKioskConfig(window.location.search)} headStart={headStart} />
  </StrictMode>,
);
