import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useSyncExternalStore } from 'react';

import type { ItemPanel, ItemPanelResponse } from '../../../shared/contracts';
import { readRefusal, type ShownRefusal } from '../utils/refusal';

/**
 * The item panel's data (GET /minyi/items/:documentId/panel), shared by the edit view's side
 * panels: the content manager renders each panel on its own, so one store per item keeps them on
 * one request and lets an action refresh all of them at once.
 */
interface PanelState {
  panel: ItemPanel | null;
  refusal: ShownRefusal | null;
  loading: boolean;
}

interface Entry {
  state: PanelState;
  listeners: Set<() => void>;
  inFlight: Promise<void> | null;
}

const EMPTY: PanelState = { panel: null, refusal: null, loading: false };
const entries = new Map<string, Entry>();

function entryOf(documentId: string): Entry {
  let entry = entries.get(documentId);
  if (!entry) {
    entry = { state: { ...EMPTY, loading: true }, listeners: new Set(), inFlight: null };
    entries.set(documentId, entry);
  }
  return entry;
}

function publish(entry: Entry, state: PanelState) {
  entry.state = state;
  entry.listeners.forEach((listener) => listener());
}

type Get = ReturnType<typeof useFetchClient>['get'];

function load(get: Get, documentId: string): Promise<void> {
  const entry = entryOf(documentId);
  if (entry.inFlight) return entry.inFlight;
  publish(entry, { ...entry.state, loading: true });
  entry.inFlight = get<ItemPanelResponse>(`/minyi/items/${encodeURIComponent(documentId)}/panel`)
    .then((response) =>
      publish(entry, { panel: response.data.data, refusal: null, loading: false })
    )
    .catch((error: unknown) =>
      publish(entry, {
        panel: entry.state.panel,
        refusal: readRefusal(error, '无法读取事项信息'),
        loading: false,
      })
    )
    .finally(() => {
      entry.inFlight = null;
    });
  return entry.inFlight;
}

export function useItemPanel(documentId: string | undefined) {
  const { get } = useFetchClient();
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!documentId) return () => undefined;
      const entry = entryOf(documentId);
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    [documentId]
  );
  const state = useSyncExternalStore(subscribe, () =>
    documentId ? entryOf(documentId).state : EMPTY
  );

  useEffect(() => {
    // Each edit view shows the item as it is now: load on open, even if an older copy is kept.
    if (documentId) void load(get, documentId);
  }, [documentId, get]);

  const refresh = useCallback(
    () => (documentId ? load(get, documentId) : Promise.resolve()),
    [documentId, get]
  );

  return { ...state, refresh };
}
