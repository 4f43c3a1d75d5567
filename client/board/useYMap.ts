import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** One value of a Y.Map, paired with the document (compartment) it lives in. */
export interface Located<T, D> {
  value: T;
  from: D;
}

/**
 * The values of one Y.Map in each of many documents, as React state, re-read whenever any of those
 * maps changes (local edits, remote edits, a compartment opening or being revoked). `pick` chooses
 * the map inside each document; the result keeps which document each value came from, because its
 * label decides who else sees it.
 */
export function useMapsAcross<T, D extends { doc: Y.Doc }>(docs: readonly D[], pick: (doc: Y.Doc) => Y.Map<T>): Located<T, D>[] {
  const read = () => docs.flatMap((from) => [...pick(from.doc).values()].map((value) => ({ value, from })));
  const [values, setValues] = useState(read);
  useEffect(() => {
    setValues(read());
    const maps = docs.map((d) => pick(d.doc));
    const onChange = () => setValues(read());
    for (const map of maps) map.observe(onChange);
    return () => {
      for (const map of maps) map.unobserve(onChange);
    };
    // `pick` is a module-level accessor in practice; the documents are what change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docs]);
  return values;
}

/** A single Y.Map (e.g. in the meeting document) as React state. */
export function useMapValues<T>(map: Y.Map<T> | null): T[] {
  const [values, setValues] = useState<T[]>(() => (map ? [...map.values()] : []));
  useEffect(() => {
    if (!map) {
      setValues([]);
      return;
    }
    const onChange = () => setValues([...map.values()]);
    onChange();
    map.observe(onChange);
    return () => map.unobserve(onChange);
  }, [map]);
  return values;
}
