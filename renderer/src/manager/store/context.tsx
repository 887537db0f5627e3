// React access to the manager store, as the kiosk's context does it.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { managerMessagesFor, type ManagerMessages } from '../i18n';
import type { ManagerActions, ManagerState, ManagerStore } from './manager-store';

const ManagerContext = createContext<ManagerStore | null>(null);

export function ManagerProvider({ store, children }: { store: ManagerStore; children: ReactNode }) {
  return <ManagerContext.Provider value={store}>{children}</ManagerContext.Provider>;
}

function useManagerStore(): ManagerStore {
  const store = useContext(ManagerContext);
  if (store === null) throw new Error('useManager outside <ManagerProvider>');
  return store;
}

export function useManager<T>(selector: (state: ManagerState) => T): T {
  return useStore(useManagerStore(), selector);
}

/** The actions never change identity, so reading them does not subscribe to anything. */
export function useManagerActions(): ManagerActions {
  return useManagerStore().getState();
}

export function useManagerMessages(): ManagerMessages {
  return managerMessagesFor(useManager((s) => s.locale));
}
