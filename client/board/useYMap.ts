import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { textsOf, withItemTexts, type TextCollection } from '../../shared/board/texts.ts';

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
export function useMapsAcross<T, D extends { doc: Y.Doc }>(docs: readonly D[], pick: (doc: Y.Doc) => Y.Map<T>, collection?: TextCollection): Located<T, D>[] {
  // With `collection`, typed fields are read through their shared texts (texts.ts), and typing in
  // them re-reads too.
  const view = (doc: Y.Doc, value: T): T => (collection ? (withItemTexts(doc, collection, value as T & { id: string }) as T) : value);
  const read = () => docs.flatMap((from) => [...pick(from.doc).values()].map((value) => ({ value: view(from.doc, value), from })));
  const [values, setValues] = useState(read);
  useEffect(() => {
    setValues(read());
    const maps = docs.map((d) => pick(d.doc));
    const texts = collection ? docs.map((d) => textsOf(d.doc)) : [];
    const onChange = () => setValues(read());
    for (const map of maps) map.observe(onChange);
    for (const map of texts) map.observeDeep(onChange);
    return () => {
      for (const map of maps) map.unobserve(onChange);
      for (const map of texts) map.unobserveDeep(onChange);
    };
    // `pick` is a module-level accessor in practice; the documents are what change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docs]);
  return values;
}

/**
 * A single Y.Map (e.g. in the meeting document) as React state; with `collection`, typed fields
 * are read through their shared texts in the same document, and typing in them re-reads too.
 */
export function useMapValues<T>(map: Y.Map<T> | null, collection?: TextCollection): T[] {
  const read = (m: Y.Map<T>): T[] => {
    const doc = m.doc;
    const values = [...m.values()];
    return collection && doc ? values.map((v) => withItemTexts(doc, collection, v as T & { id: string }) as T) : values;
  };
  const [values, setValues] = useState<T[]>(() => (map ? read(map) : []));
  useEffect(() => {
    if (!map) {
      setValues([]);
      return;
    }
    const texts = collection && map.doc ? textsOf(map.doc) : null;
    const onChange = () => setValues(read(map));
    onChange();
    map.observe(onChange);
    texts?.observeDeep(onChange);
    return () => {
      map.unobserve(onChange);
      texts?.unobserveDeep(onChange);
    };
    // `read` depends on map and collection only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, collection]);
  return values;
}
