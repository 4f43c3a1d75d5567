import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Manifest } from '../../shared/api/compartments.ts';
import { CompartmentPool, type CompartmentDoc, type EndedDoc } from './compartment-pool.ts';
import { pruneLocalCopies } from './local-copy.ts';

export interface CompartmentDocs {
  /** Open compartments, in manifest order. */
  docs: readonly CompartmentDoc[];
  /** The pool itself (null until mounted), e.g. to wait for a new compartment to sync. */
  pool: CompartmentPool | null;
  /** How many documents the server has ended (44xx) since mount: the screen can say so. */
  endedCount: number;
  /** Those documents: their label and how many items went, for a notice that says what and why. */
  ended?: readonly EndedDoc[];
}

const EMPTY: readonly CompartmentDoc[] = [];
const noop = () => () => {};

/**
 * One Y.Doc + WebsocketProvider per compartment the manifest lists. New ones open, unlisted
 * ones are destroyed, ones the server ends are destroyed at once and `onEnded` is called (the
 * caller fetches the manifest again). `userId` names this viewer's local copies (unsent edits):
 * copies of the case's compartments the manifest no longer lists as writable are deleted.
 */
export function useCompartmentDocs(
  ctx: string | null,
  manifest: Manifest | null,
  requestedAt: number,
  onEnded: () => void,
  userId: string | null = null,
): CompartmentDocs {
  const [pool, setPool] = useState<CompartmentPool | null>(null);
  const [ended, setEnded] = useState<readonly EndedDoc[]>([]);
  const onEndedRef = useLatest(onEnded);

  useEffect(() => {
    if (!ctx) return;
    const created = new CompartmentPool(ctx, userId, (doc) => {
      setEnded((list) => [...list, doc]);
      onEndedRef.current();
    });
    setPool(created);
    return () => {
      created.destroy();
      setPool(null);
    };
  }, [ctx, userId]);

  useEffect(() => {
    pool?.sync(manifest?.compartments ?? [], requestedAt);
    if (manifest && userId) {
      const writable = new Set(manifest.compartments.filter((c) => c.access === 'write').map((c) => c.docName));
      void pruneLocalCopies(userId, `case/${manifest.caseId}/`, writable);
    }
  }, [pool, manifest, requestedAt, userId]);

  const docs = useSyncExternalStore(pool?.subscribe ?? noop, pool?.getSnapshot ?? (() => EMPTY));
  return { docs, pool, endedCount: ended.length, ended };
}

function useLatest<T>(value: T): { current: T } {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
