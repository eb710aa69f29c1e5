// Reading the mobx store from React: a selection, re-read when mobx says it changed.
import { comparer, reaction } from 'mobx-miniprogram';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { RoomStore } from '../core';

/** `select(store)`, kept current: the component re-renders when the selection changes (deeply). */
export function useStoreSelection<T>(store: RoomStore, select: (store: RoomStore) => T): T {
  const selectRef = useRef(select);
  selectRef.current = select;
  const cache = useRef<{ store: RoomStore; value: T } | null>(null);
  const read = useCallback((): T => {
    if (cache.current === null || cache.current.store !== store) {
      cache.current = { store, value: selectRef.current(store) };
    }
    return cache.current.value;
  }, [store]);
  const subscribe = useCallback(
    (notify: () => void) =>
      reaction(
        () => selectRef.current(store),
        (value) => {
          cache.current = { store, value };
          notify();
        },
        { equals: comparer.structural },
      ),
    [store],
  );
  return useSyncExternalStore(subscribe, read, read);
}
