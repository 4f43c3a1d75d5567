import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import type { EdgeDraft } from './EdgeForm.tsx';
import { buildEcomapSvg, download, svgToPng } from './export.ts';
import { ecoHistory } from './history.ts';
import { freeRingPosition } from './household-layout.ts';
import { sameLabel } from '../label/label-draft.ts';
import type { EcoModel } from './model.ts';
import * as ops from './ops.ts';
import type { ResourceDraft } from './ResourceForm.tsx';

export interface Status {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The ecomap's actions, each one step of this tab's history, with a spoken status line. Actions
 * read the latest model through a ref: adding waits for a compartment to open, and by then the
 * model the click saw may be stale.
 */
export function useEcoActions(model: EcoModel) {
  const { t, tx, date } = useI18n();
  const { ensureCompartment, meeting, meetingDoc, canAdd, readOnly } = useBoard();
  // Others' resources move in the meeting's shared layout, which an agency member of a running
  // meeting may write (the server decides: a read-only socket's layout writes are dropped).
  const layoutDoc = meetingDoc && canAdd && !readOnly ? meetingDoc.doc : null;
  const [status, setStatus] = useState<Status | null>(null);
  // A confirmation is announced, then leaves: a stale "元に戻しました" would mislead later.
  useEffect(() => {
    if (status?.kind !== 'ok') return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status]);
  const latest = useRef(model);
  latest.current = model;
  useSyncExternalStore(ecoHistory.subscribe, ecoHistory.getVersion);
  const ok = (key: Parameters<typeof t>[0]) => setStatus({ kind: 'ok', text: t(key) });
  const fail = (error: unknown) => {
    const key = error instanceof ops.EcoWriteError ? error.key : null;
    setStatus({ kind: 'error', text: key ? t(key) : `${t('ecoFailed')}: ${(error as Error).message}` });
  };
  const resource = (id: string) => latest.current.resources.find((r) => r.node.id === id);
  const edge = (id: string) => latest.current.edges.find((e) => e.edge.id === id);
  /** Throws EcoWriteError for the form to show; returns the new edge's id. */
  const connect = (draft: EdgeDraft): string => {
    const created = ops.connect(ecoHistory, latest.current, draft);
    ok('ecoConnected');
    return created.id;
  };

  return {
    status,
    setStatus,
    canUndo: ecoHistory.canUndo,
    canRedo: ecoHistory.canRedo,

    async addResource(draft: ResourceDraft): Promise<string> {
      const target = await ensureCompartment(draft.tag);
      const m = latest.current;
      const at = freeRingPosition(m.household, m.resources.map((r) => r.node), draft.tag.category, draft.tag.personId);
      const node = ops.addResource(ecoHistory, target, { kind: draft.kind, orgId: draft.orgId, label: draft.label, field: draft.field, ...at });
      ok('ecoAdded');
      return node.id;
    },

    /** `typing`: the undo of the name typed in the form, made part of this step (history.ts). */
    async editResource(id: string, draft: ResourceDraft, typing?: () => Y.UndoManager | null): Promise<void> {
      const before = resource(id);
      if (!before) throw new Error('gone');
      const { label } = before.compartment;
      const current = { personId: label.personId, category: label.category, allowOrgIds: label.allowOrgIds, notToPerson: label.notToPerson };
      const target = sameLabel(draft.tag, current) ? before.compartment : await ensureCompartment(draft.tag);
      // Re-read after the wait: somebody may have moved it meanwhile, and we keep their position.
      const item = resource(id) ?? before;
      ops.updateResource(ecoHistory, latest.current, item, { kind: draft.kind, orgId: draft.orgId, label: draft.label, field: draft.field }, target, typing);
      ok('ecoSaved');
    },

    deleteResource(id: string) {
      const item = resource(id);
      if (!item) return;
      ops.deleteResource(ecoHistory, latest.current, item);
      ok('ecoDeleted');
    },

    move(moves: readonly { id: string; x: number; y: number }[]) {
      const resolved = moves.flatMap(({ id, x, y }) => {
        const item = resource(id);
        return item ? [{ item, x, y }] : [];
      });
      ops.moveResources(ecoHistory, resolved, layoutDoc);
    },

    nudge(ids: readonly string[], dx: number, dy: number) {
      const items = ids.flatMap((id) => resource(id) ?? []).filter((r) => r.compartment.access === 'write' || layoutDoc !== null);
      ops.moveResources(ecoHistory, items.map((item) => ({ item, x: item.node.x + dx, y: item.node.y + dy })), layoutDoc);
      if (items.length > 0) ok('ecoMoved');
    },

    connect,

    /** The canvas's drag-to-connect: reports instead of throwing. */
    tryConnect(from: string, to: string): string | null {
      try {
        return connect({ from, to, strength: 'strong', direction: 'none', label: '' });
      } catch (error) {
        fail(error);
        return null;
      }
    },

    editEdge(id: string, draft: EdgeDraft, typing?: () => Y.UndoManager | null) {
      const item = edge(id);
      if (!item) return;
      ops.updateEdge(ecoHistory, item, { strength: draft.strength, direction: draft.direction, label: draft.label }, typing?.() ?? null);
      ok('ecoSaved');
    },

    deleteEdge(id: string) {
      const item = edge(id);
      if (!item) return;
      ops.deleteEdge(ecoHistory, item);
      ok('ecoDeleted');
    },

    undo() {
      ok(ecoHistory.undo() ? 'ecoUndone' : 'ecoNothingToUndo');
    },

    redo() {
      if (ecoHistory.redo()) ok('ecoRedone');
    },

    async exportAs(format: 'svg' | 'png') {
      try {
        const title = `${t('ecoTitle')} — ${meeting.caseTitle} (${date(new Date().toISOString())})`;
        const { svg, width, height } = buildEcomapSvg(latest.current, {
          title,
          household: t('ecoHousehold'),
          strong: tx('ecoStrength_strong'),
          tenuous: tx('ecoStrength_tenuous'),
          stressful: tx('ecoStrength_stressful'),
          arrow: t('ecoLegendArrow'),
        });
        const name = `ecomap-${meeting.id}.${format}`;
        if (format === 'svg') download(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), name);
        else download(await svgToPng(svg, width, height), name);
        ok('ecoExported');
      } catch (error) {
        fail(error);
      }
    },
    fail,
  };
}

export type EcoActions = ReturnType<typeof useEcoActions>;
