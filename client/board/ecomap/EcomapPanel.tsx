import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import { EcoCanvas } from './EcoCanvas.tsx';
import { EcoLegend } from './EcoLegend.tsx';
import { EcoLists } from './EcoLists.tsx';
import { EdgeForm } from './EdgeForm.tsx';
import { useEcomapModel, type EdgeItem, type ResourceItem } from './model.ts';
import { ResourceForm } from './ResourceForm.tsx';
import { useEcoActions } from './useEcoActions.ts';
import { useRemoteSelections } from './useRemoteSelections.ts';

type Mode = { type: 'add' } | { type: 'editNode'; id: string } | { type: 'connect'; from?: string } | { type: 'editEdge'; id: string } | null;

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-10, 0], ArrowRight: [10, 0], ArrowUp: [0, -10], ArrowDown: [0, 10] };
const isTyping = (el: EventTarget) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * エコマップ: the household's genogram inside its boundary, the resources around it and their
 * relationships in Hartman notation, drawn live by everyone in the meeting. Each resource and
 * relationship is a labelled item in its compartment, so a viewer only ever receives, and this
 * panel only ever draws, what that viewer may see.
 */
export function EcomapPanel() {
  const { t, tx } = useI18n();
  const board = useBoard();
  const { persons, compartments, manifest, meeting, meetingDoc, readOnly, canAdd, organisations } = board;
  const model = useEcomapModel(persons, compartments.docs, meetingDoc?.doc ?? null);
  const actions = useEcoActions(model);
  const [selected, setSelected] = useState<string[]>([]);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [mode, setModeState] = useState<Mode>(null);
  // Focus goes back to whatever opened a form when it closes (a keyboard user keeps their place).
  const opener = useRef<HTMLElement | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const setMode = (next: Mode) => {
    if (next) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setModeState(next);
    if (!next) {
      requestAnimationFrame(() => {
        const back = opener.current?.isConnected ? opener.current : frame.current;
        back?.focus({ preventScroll: true });
      });
    }
  };
  const remote = useRemoteSelections(meetingDoc?.provider.awareness ?? null, selected, meeting.participants);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const editable = useCallback((item: ResourceItem) => !readOnly && item.compartment.access === 'write', [readOnly]);
  const edgeEditable = (item: EdgeItem) => !readOnly && item.compartment.access === 'write';
  // Anybody's resource may be moved (in the meeting's shared layout); only its agency edits it.
  const movable = useCallback((item: ResourceItem) => editable(item) || (!readOnly && canAdd && meetingDoc !== null), [editable, readOnly, canAdd, meetingDoc]);
  const canConnect = !readOnly && canAdd;
  const orgNames = useMemo(() => new Map(organisations.map((o) => [o.id, o.name])), [organisations]);
  const pending = manifest.manifest === null || compartments.docs.some((d) => !d.synced);

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && (key === 'z' || key === 'y')) {
      event.preventDefault();
      if (key === 'y' || event.shiftKey) actions.redo();
      else actions.undo();
      return;
    }
    // Persons are laid out, not placed: resources move (others' in the shared layout); only the
    // ones this viewer's agency entered go.
    const moving = selected.filter((id) => model.resources.some((r) => r.node.id === id && movable(r)));
    const deletable = selected.filter((id) => model.resources.some((r) => r.node.id === id && editable(r)));
    const arrow = ARROWS[event.key];
    if (arrow && moving.length > 0) {
      event.preventDefault();
      const step = event.shiftKey ? 5 : 1;
      actions.nudge(moving, arrow[0] * step, arrow[1] * step);
      return;
    }
    const inCanvas = event.target instanceof HTMLElement && event.target.closest('.eco-canvas-frame');
    if ((event.key === 'Delete' || event.key === 'Backspace') && inCanvas && !readOnly) {
      event.preventDefault();
      if (selectedEdge) actions.deleteEdge(selectedEdge);
      for (const id of deletable) actions.deleteResource(id);
      setSelected([]);
      setSelectedEdge(null);
    }
    if (event.key === 'Escape') {
      setSelected([]);
      setSelectedEdge(null);
    }
  };

  // The deleted row took the focused button with it: continue from the lists' heading.
  const focusLists = () => requestAnimationFrame(() => document.getElementById('eco-lists-title')?.focus());

  const openNode = (id: string) => {
    const item = model.resources.find((r) => r.node.id === id);
    if (item && editable(item)) setMode({ type: 'editNode', id });
  };
  const editingNode = mode?.type === 'editNode' ? model.resources.find((r) => r.node.id === mode.id) : undefined;
  const editingEdge = mode?.type === 'editEdge' ? model.edges.find((e) => e.edge.id === mode.id) : undefined;

  return (
    <section className="panel ecomap-panel" aria-labelledby="ecomap-title" data-testid="ecomap" data-pending={pending ? 'true' : 'false'} onKeyDown={onKeyDown}>
      <div className="panel-title">
        <h2 id="ecomap-title">{t('ecoTitle')}</h2>
        <div className="eco-toolbar" role="group" aria-label={t('ecoToolbar')}>
          {canAdd && !readOnly && (
            <>
              <button type="button" onClick={() => setMode(mode?.type === 'add' ? null : { type: 'add' })} aria-expanded={mode?.type === 'add'}>
                ＋ {t('ecoAddNode')}
              </button>
              <button type="button" className="secondary" onClick={() => setMode(mode?.type === 'connect' ? null : { type: 'connect' })} aria-expanded={mode?.type === 'connect'}>
                {t('ecoConnect')}
              </button>
              <button type="button" className="secondary" onClick={actions.undo} disabled={!actions.canUndo} aria-keyshortcuts="Control+Z">
                ↶ {t('ecoUndo')}
              </button>
              <button type="button" className="secondary" onClick={actions.redo} disabled={!actions.canRedo} aria-keyshortcuts="Control+Shift+Z">
                ↷ {t('ecoRedo')}
              </button>
            </>
          )}
          <button type="button" className="secondary" onClick={() => void actions.exportAs('svg')}>
            {t('ecoExportSvg')}
          </button>
          <button type="button" className="secondary" onClick={() => void actions.exportAs('png')}>
            {t('ecoExportPng')}
          </button>
        </div>
      </div>
      <p className="muted small">{t('ecoHint')}</p>
      <p role="status" className={`eco-status ${actions.status?.kind ?? ''}`} data-testid="ecomap-status">
        {actions.status?.text ?? (pending ? t('ecoLoading') : '')}
      </p>
      {mode?.type === 'add' && (
        <ResourceForm
          onClose={() => setMode(null)}
          onSubmit={async (draft) => {
            const id = await actions.addResource(draft);
            setMode(null);
            setSelected([id]);
          }}
        />
      )}
      {editingNode && (
        <ResourceForm
          key={editingNode.node.id}
          item={editingNode}
          onClose={() => setMode(null)}
          onSubmit={async (draft, typing) => {
            await actions.editResource(editingNode.node.id, draft, typing);
            setMode(null);
          }}
        />
      )}
      {mode?.type === 'connect' && (
        <EdgeForm
          key={mode.from ?? ''}
          model={model}
          initialFrom={mode.from}
          onClose={() => setMode(null)}
          onSubmit={(draft) => {
            actions.connect(draft);
            setMode(null);
          }}
        />
      )}
      {editingEdge && (
        <EdgeForm
          key={editingEdge.edge.id}
          model={model}
          item={editingEdge}
          onClose={() => setMode(null)}
          onSubmit={(draft, typing) => {
            actions.editEdge(editingEdge.edge.id, draft, typing);
            setMode(null);
          }}
        />
      )}
      <div
        ref={frame}
        className="eco-canvas-frame"
        role="group"
        aria-label={t('ecoCanvasLabel')}
        aria-describedby="eco-canvas-help"
        tabIndex={0}
        // React Flow keeps focus where it was on a click; take it, so arrow keys and Ctrl+Z reach us.
        onPointerDownCapture={(e) => {
          if (!e.currentTarget.contains(document.activeElement)) e.currentTarget.focus({ preventScroll: true });
        }}
      >
        <EcoCanvas
          model={model}
          selected={selectedSet}
          selectedEdge={selectedEdge}
          remote={remote}
          editable={editable}
          movable={movable}
          canConnect={canConnect}
          t={tx}
          onSelect={setSelected}
          onSelectEdge={setSelectedEdge}
          onMoved={actions.move}
          onConnect={(from, to) => {
            const id = actions.tryConnect(from, to);
            if (id) setMode({ type: 'editEdge', id });
          }}
          onOpen={openNode}
        />
      </div>
      <p id="eco-canvas-help" className="muted small">
        {t('ecoCanvasHelp')}
      </p>
      <EcoLegend />
      <EcoLists
        model={model}
        selected={selectedSet}
        selectedEdge={selectedEdge}
        remote={remote}
        editable={editable}
        edgeEditable={edgeEditable}
        canConnect={canConnect}
        orgName={(id) => orgNames.get(id) ?? id}
        onSelect={(id) => setSelected(selected.length === 1 && selected[0] === id ? [] : [id])}
        onEditNode={(id) => setMode({ type: 'editNode', id })}
        onDeleteNode={(id) => {
          actions.deleteResource(id);
          setSelected((s) => s.filter((x) => x !== id));
          focusLists();
        }}
        onConnectFrom={(from) => setMode({ type: 'connect', from })}
        onEditEdge={(id) => setMode({ type: 'editEdge', id })}
        onDeleteEdge={(id) => {
          actions.deleteEdge(id);
          focusLists();
        }}
      />
    </section>
  );
}
