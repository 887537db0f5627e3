// The kiosk as a window opens it: its store, built here so no other app's window builds one.
import { useState } from 'react';
import { KioskApp } from './KioskApp';
import type { KioskConfig } from './lib/kiosk-config';
import { createKioskStore, type KioskStoreOptions } from './store/kiosk-store';
import type { Transport } from '../shared/transport';

export interface KioskWindowProps {
  transport: Transport;
  config: KioskConfig;
  /** The first screen's requests, sent before React started (see main.tsx). */
  headStart?: KioskStoreOptions['headStart'];
}

export default function KioskWindow({ transport, config, headStart }: KioskWindowProps) {
  const [store] = useState(() => createKioskStore({ transport, headStart }));
  return <KioskApp store={store} config={config} />;
}
