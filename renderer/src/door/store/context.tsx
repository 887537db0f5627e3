// React access to the door store: components read slices and call plain actions.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { messagesFor, type Messages } from '../i18n';
import type { DoorActions, DoorState, DoorStore } from './door-store';

const DoorContext = createContext<DoorStore | null>(null);

export function DoorProvider({ store, children }: { store: DoorStore; children: ReactNode }) {
  return <DoorContext.Provider value={store}>{children}</DoorContext.Provider>;
}

function useDoorStore(): DoorStore {
  const store = useContext(DoorContext);
  if (store === null) throw new Error('useDoor outside <DoorProvider>');
  return store;
}

export function useDoor<T>(selector: (state: DoorState) => T): T {
  return useStore(useDoorStore(), selector);
}

/** The actions never change identity, so reading them does not subscribe to anything. */
export function useDoorActions(): DoorActions {
  return useDoorStore().getState();
}

export function useDoorMessages(): Messages {
  return messagesFor(useDoor((s) => s.locale));
}
