// Chooses which app this window is. Only the guest kiosk exists so far; the manager app
// (DESIGN.md §2) will be another case here, sharing the transport.
import { useState } from 'react';
import { KioskApp } from './KioskApp';
import type { KioskConfig } from './lib/kiosk-config';
import { createKioskStore } from './store/kiosk-store';
import type { Transport } from './transport';

export type AppMode = 'kiosk' | 'manager';

export interface AppProps {
  mode: AppMode;
  transport: Transport;
  config: KioskConfig;
}

export function App({ mode, transport, config }: AppProps) {
  const [kioskStore] = useState(() => createKioskStore({ transport }));
  switch (mode) {
    case 'kiosk':
    case 'manager': // until the manager app exists, every window gets the kiosk
      return <KioskApp store={kioskStore} config={config} />;
  }
}
