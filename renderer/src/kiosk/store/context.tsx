// React access to the kiosk store: components read slices and call plain actions.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { messagesFor, type Messages } from '../i18n';
import type { KioskActions, KioskState, KioskStore } from './kiosk-store';

const KioskContext = createContext<KioskStore | null>(null);

export function KioskProvider({ store, children }: { store: KioskStore; children: ReactNode }) {
  return <KioskContext.Provider value={store}>{children}</KioskContext.Provider>;
}

function useKioskStore(): KioskStore {
  const store = useContext(KioskContext);
  if (store === null) throw new Error('useKiosk outside <KioskProvider>');
  return store;
}

/** A slice of state; keep selectors to primitives or stored objects so renders stay cheap. */
export function useKiosk<T>(selector: (state: KioskState) => T): T {
  return useStore(useKioskStore(), selector);
}

/** The actions never change identity, so reading them does not subscribe to anything. */
export function useActions(): KioskActions {
  return useKioskStore().getState();
}

export function useMessages(): Messages {
  return messagesFor(useKiosk((s) => s.locale));
}
