import { fill } from '../board-format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldColor } from './fields.ts';
import { personLabel } from './flow-elements.ts';
import { endName, personNodeId, type EcoModel, type EdgeItem, type ResourceItem } from './model.ts';
import type { RemoteSelection } from './useRemoteSelections.ts';

interface Props {
  model: EcoModel;
  selected: ReadonlySet<string>;
  selectedEdge: string | null;
  remote: ReadonlyMap<string, RemoteSelection[]>;
  editable(item: ResourceItem): boolean;
  edgeEditable(item: EdgeItem): boolean;
  canConnect: boolean;
  orgName(orgId: string): string;
  onSelect(id: string): void;
  onEditNode(id: string): void;
  onDeleteNode(id: string): void;
  onConnectFrom(id: string): void;
  onEditEdge(id: string): void;
  onDeleteEdge(id: string): void;
}

/**
 * Everything on the canvas as lists with buttons: the keyboard (and screen reader) way to select,
 * edit, connect and delete. With a node selected, arrow keys move it (the panel handles them).
 */
export function EcoLists(props: Props) {
  const { t, tx } = useI18n();
  const { model, selected, remote } = props;
  const who = (id: string) => (remote.get(id) ?? []).map((r) => (
    <span key={r.userId} className="eco-remote-chip" style={{ borderColor: r.color, color: r.color }}>
      {fill(t('ecoSelectedBy'), { name: r.name })}
    </span>
  ));
  const personName = (personId: string) => model.household.slots.find((s) => s.person.id === personId)?.person.name ?? personId;

  return (
    <section className="eco-lists" aria-labelledby="eco-lists-title" data-testid="ecomap-lists">
      <h3 id="eco-lists-title" tabIndex={-1}>
        {t('ecoListsTitle')}
      </h3>
      <div className="eco-lists-grid">
        <div>
          <h4>{t('ecoPersonsList')}</h4>
          <ul className="eco-list">
            {model.household.slots.map(({ person }) => {
              const id = personNodeId(person.id);
              return (
                <li key={id} className={selected.has(id) ? 'eco-row is-selected' : 'eco-row'} data-testid="eco-person-row" data-node-id={id}>
                  <span className="eco-row-name">{personLabel(person, tx)}</span>
                  {who(id)}
                  <div className="eco-row-actions" role="group" aria-label={fill(t('ecoActionsFor'), { name: person.name })}>
                    <button type="button" className="secondary" aria-pressed={selected.has(id)} onClick={() => props.onSelect(id)}>
                      {t('ecoSelect')}
                    </button>
                    {props.canConnect && (
                      <button type="button" className="secondary" onClick={() => props.onConnectFrom(id)}>
                        {t('ecoConnect')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <h4>{t('ecoNodesList')}</h4>
          {model.resources.length === 0 && <p className="muted small">{t('ecoNoNodes')}</p>}
          <ul className="eco-list" data-testid="eco-node-list">
            {model.resources.map((item) => {
              const { node, compartment } = item;
              const label = compartment.label;
              const colour = fieldColor(node.field);
              const canEdit = props.editable(item);
              return (
                <li
                  key={node.id}
                  className={selected.has(node.id) ? 'eco-row is-selected' : 'eco-row'}
                  data-testid="eco-node-row"
                  data-node-id={node.id}
                  data-x={node.x}
                  data-y={node.y}
                  data-doc={compartment.docName}
                  data-category={label.category}
                >
                  <span className="eco-swatch" style={{ background: colour.fill, borderColor: colour.stroke }} aria-hidden="true" />
                  <span className="eco-row-name">{node.label}</span>
                  <small className="eco-row-meta">
                    <span className="eco-meta-part">
                      {tx(`ecoKind_${node.kind}`)}・{tx(`ecoField_${node.field ?? 'other'}`)}
                    </span>
                    <span className="eco-meta-part">{fill(t('ecoAbout'), { name: personName(label.personId) })}</span>
                    <span className="eco-meta-part">
                      <span className={`cat-chip cat-${label.category}`}>{tx(`cat_${label.category}`)}</span>
                    </span>
                    <span className="eco-meta-part">{fill(t('ecoSuppliedBy'), { org: props.orgName(label.supplierOrgId) })}</span>
                    {label.allowOrgIds !== null && <span className="badge badge-restricted">{t('ecoRestricted')}</span>}
                    {label.notToPerson && <span className="badge badge-private">{t('ecoNotToPerson')}</span>}
                    {!canEdit && <span className="badge badge-muted">{t('ecoReadOnly')}</span>}
                  </small>
                  {who(node.id)}
                  <div className="eco-row-actions" role="group" aria-label={fill(t('ecoActionsFor'), { name: node.label })}>
                    <button type="button" className="secondary" aria-pressed={selected.has(node.id)} onClick={() => props.onSelect(node.id)}>
                      {t('ecoSelect')}
                    </button>
                    {canEdit && (
                      <>
                        <button type="button" className="secondary" onClick={() => props.onEditNode(node.id)}>
                          {t('ecoEdit')}
                        </button>
                        {props.canConnect && (
                          <button type="button" className="secondary" onClick={() => props.onConnectFrom(node.id)}>
                            {t('ecoConnect')}
                          </button>
                        )}
                        <button type="button" className="secondary danger" onClick={() => props.onDeleteNode(node.id)}>
                          {t('ecoDelete')}
                        </button>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
        <div>
          <h4>{t('ecoEdgesList')}</h4>
          {model.edges.length === 0 && <p className="muted small">{t('ecoNoEdges')}</p>}
          <ul className="eco-list" data-testid="eco-edge-list">
            {sortedEdges(model).map((item) => {
              const { edge } = item;
              const from = endName(model.ends.get(edge.from));
              const to = endName(model.ends.get(edge.to));
              const arrow = fill(tx(`ecoArrow_${edge.direction}`), { from, to });
              return (
                <li
                  key={edge.id}
                  className={props.selectedEdge === edge.id ? 'eco-row is-selected' : 'eco-row'}
                  data-testid="eco-edge-row"
                  data-edge-id={edge.id}
                  data-strength={edge.strength}
                  data-direction={edge.direction}
                  data-doc={item.compartment.docName}
                >
                  <span className={`eco-line-sample eco-line-${edge.strength}`} aria-hidden="true" />
                  <span className="eco-row-name">{fill(t('ecoEdgeSummary'), { from, to })}</span>
                  <small className="eco-row-meta">
                    <span className="eco-meta-part">{tx(`ecoStrength_${edge.strength}`)}</span>
                    <span className="eco-meta-part">{arrow}</span>
                    {edge.label && <span className="eco-meta-part">「{edge.label}」</span>}
                  </small>
                  {props.edgeEditable(item) && (
                    <div className="eco-row-actions" role="group" aria-label={fill(t('ecoActionsFor'), { name: `${from} — ${to}` })}>
                      <button type="button" className="secondary" onClick={() => props.onEditEdge(edge.id)}>
                        {t('ecoEdit')}
                      </button>
                      <button type="button" className="secondary danger" onClick={() => props.onDeleteEdge(edge.id)}>
                        {t('ecoDelete')}
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </section>
  );
}

/** Relationships in a stable reading order (by their ends' names), whichever compartment holds them. */
function sortedEdges(model: EcoModel): EdgeItem[] {
  const key = (e: EdgeItem) => `${endName(model.ends.get(e.edge.from))}\u0000${endName(model.ends.get(e.edge.to))}\u0000${e.edge.id}`;
  return [...model.edges].sort((a, b) => key(a).localeCompare(key(b), 'ja'));
}
