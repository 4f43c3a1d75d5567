import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Manifest } from '../../shared/api/compartments.ts';
import { CompartmentPool, type CompartmentDoc } from './compartment-pool.ts';

export interface CompartmentDocs {
  /** Open compartments, in manifest order. */
  docs: readonly CompartmentDoc[];
  /** The pool itself (null until mounted), e.g. to wait for a new compartment to sync. */
  pool: CompartmentPool | null;
  /** How many documents the server has ended (44xx) since mount: the screen can say so. */
  endedCount: number;
}

const EMPTY: readonly CompartmentDoc[] = [];
const noop = () => () => {};

/**
 * One Y.Doc + WebsocketProvider per compartment the manifest lists. New ones open, unlisted
 * ones are destroyed, ones the server ends are destroyed at once and `onEnded` is called (the
 * caller fetches the manifest again).
 */
export function useCompartmentDocs(
  ctx: string | null,
  manifest: Manifest | null,
  requestedAt: number,
  onEnded: () => void,
): CompartmentDocs {
  const [pool, setPool] = useState<CompartmentPool | null>(null);
  const [endedCount, setEndedCount] = useState(0);
  const onEndedRef = useLatest(onEnded);

  useEffect(() => {
    if (!ctx) return;
    const created = new CompartmentPool(ctx, () => {
      setEndedCount((n) => n + 1);
      onEndedRef.current();
    });
    setPool(created);
    return () => {
      created.destroy();
      setPool(null);
    };
  }, [ctx]);

  useEffect(() => {
    pool?.sync(manifest?.compartments ?? [], requestedAt);
  }, [pool, manifest, requestedAt]);

  const docs = useSyncExternalStore(pool?.subscribe ?? noop, pool?.getSnapshot ?? (() => EMPTY));
  return { docs, pool, endedCount };
}

function useLatest<T>(value: T): { current: T } {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
