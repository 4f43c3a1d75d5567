import type { PersonView } from '../../../shared/api/cases.ts';
import type { EcoDirection, EcoStrength } from '../../../shared/board/schema.ts';
import { fieldColor } from './fields.ts';
import { PERSON_W, SYMBOL, SYMBOL_CX, SYMBOL_CY } from './household-layout.ts';
import { wrapLabel, type Prim } from './prims.ts';

/** Genogram and Hartman notation as prims (see prims.ts), in node-local or flow coordinates. */

const INK = '#1f2933';
const MUTED = '#52606d';
export const RESOURCE_R = 56;
/**
 * Where a line stops around a node's centre: a radius (a resource's circle), or a box around a
 * person's symbol that reaches down past the name, so a line arriving from below ends under the
 * name instead of running its arrow head through it.
 */
export type Rim = number | { left: number; right: number; top: number; bottom: number };
export const PERSON_RIM: Rim = { left: 30, right: 30, top: 30, bottom: 64 };

/** Distance from the centre to the rim along the unit direction (ux, uy). */
function rimDistance(rim: Rim, ux: number, uy: number): number {
  if (typeof rim === 'number') return rim;
  const across = ux > 1e-9 ? rim.right / ux : ux < -1e-9 ? rim.left / -ux : Infinity;
  const down = uy > 1e-9 ? rim.bottom / uy : uy < -1e-9 ? rim.top / -uy : Infinity;
  return Math.min(across, down);
}

/**
 * A person in genogram notation, in the person box's own coordinates: square = male, circle =
 * female, diamond = other/unknown; age inside; a deceased person crossed out; the person of
 * concern double-lined. Name and relation under the symbol.
 */
export function personPrims(p: PersonView, name: string, relation: string): Prim[] {
  const cx = SYMBOL_CX;
  const cy = SYMBOL_CY;
  const h = SYMBOL / 2;
  const out: Prim[] = [];
  const shape = (inset: number, sw: number): Prim => {
    const r = h - inset;
    if (p.sex === 'male') return { t: 'rect', x: cx - r, y: cy - r, w: 2 * r, h: 2 * r, fill: inset === 0 ? '#ffffff' : 'none', stroke: INK, sw };
    if (p.sex === 'female') return { t: 'circle', cx, cy, r, fill: inset === 0 ? '#ffffff' : 'none', stroke: INK, sw };
    const d = r * 1.2;
    return { t: 'polygon', points: [[cx, cy - d], [cx + d, cy], [cx, cy + d], [cx - d, cy]], fill: inset === 0 ? '#ffffff' : 'none', stroke: INK, sw };
  };
  out.push(shape(0, 2));
  if (p.isSubject) out.push(shape(5, 1.6));
  if (p.age !== null) out.push({ t: 'text', x: cx, y: cy + 1, text: String(p.age), size: 15, fill: INK, weight: 600 });
  if (p.deceased) {
    const r = h + 3;
    out.push(
      { t: 'line', x1: cx - r, y1: cy - r, x2: cx + r, y2: cy + r, stroke: INK, sw: 1.8 },
      { t: 'line', x1: cx + r, y1: cy - r, x2: cx - r, y2: cy + r, stroke: INK, sw: 1.8 },
    );
  }
  // Haloed: a relationship line that runs under a name must not make it unreadable.
  out.push({ t: 'text', x: PERSON_W / 2, y: SYMBOL + 20, text: name, size: 14, fill: INK, weight: p.isSubject ? 700 : 500, halo: true });
  out.push({ t: 'text', x: PERSON_W / 2, y: SYMBOL + 38, text: relation, size: 11.5, fill: MUTED, halo: true });
  return out;
}

/** A resource: a circle in its field's colour with its name inside, in its box's coordinates. */
export function resourcePrims(label: string, field: string | null): Prim[] {
  const c = fieldColor(field);
  const r = RESOURCE_R;
  const lines = wrapLabel(label, 7.2, 3);
  const size = 13;
  const lh = 16;
  const top = r - ((lines.length - 1) * lh) / 2;
  return [
    { t: 'circle', cx: r, cy: r, r: r - 2, fill: c.fill, stroke: c.stroke, sw: 2.5 },
    ...lines.map((text, i): Prim => ({ t: 'text', x: r, y: top + i * lh, text, size, fill: INK, weight: 600 })),
  ];
}

export interface EdgeStyle {
  strength: EcoStrength;
  direction: EcoDirection;
  label: string;
}

const EDGE_INK: Record<EcoStrength, string> = { strong: '#1f2933', tenuous: '#3e4c59', stressful: '#9f1239' };

/**
 * A relationship in Hartman's notation between two centres: solid and thick = strong, dashed =
 * tenuous, a line crossed by slanted ticks = stressful; arrow heads show which way support
 * flows. Ends stop at the rims so arrows touch the circles, not their centres.
 */
export function edgePrims(x1: number, y1: number, rim1: Rim, x2: number, y2: number, rim2: Rim, style: EdgeStyle, highlight = false): Prim[] {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return [];
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const r1 = rimDistance(rim1, ux, uy);
  const r2 = rimDistance(rim2, -ux, -uy);
  if (len < r1 + r2 + 4) return [];
  const a = { x: x1 + ux * r1, y: y1 + uy * r1 };
  const b = { x: x2 - ux * r2, y: y2 - uy * r2 };
  const ink = EDGE_INK[style.strength];
  const head = style.strength === 'strong' ? 15 : 13;
  const arrowAtA = style.direction === 'backward' || style.direction === 'both';
  const arrowAtB = style.direction === 'forward' || style.direction === 'both';
  // The line stops under the arrow head so a thick line does not poke through its tip.
  const s = { x: a.x + (arrowAtA ? ux * head * 0.8 : 0), y: a.y + (arrowAtA ? uy * head * 0.8 : 0) };
  const e = { x: b.x - (arrowAtB ? ux * head * 0.8 : 0), y: b.y - (arrowAtB ? uy * head * 0.8 : 0) };
  const out: Prim[] = [];
  if (highlight) out.push({ t: 'line', x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#f59e0b', sw: 12, cap: 'round' });
  const sw = style.strength === 'strong' ? 4.5 : 2;
  out.push({ t: 'line', x1: s.x, y1: s.y, x2: e.x, y2: e.y, stroke: ink, sw, dash: style.strength === 'tenuous' ? '9 7' : undefined });
  if (style.strength === 'stressful') {
    // Ticks slanted 60° across the line, every 11px, leaving the ends clear for arrow heads.
    const segment = Math.hypot(e.x - s.x, e.y - s.y);
    const cos = Math.cos(Math.PI / 3);
    const sin = Math.sin(Math.PI / 3);
    const tx = ux * cos - uy * sin;
    const ty = ux * sin + uy * cos;
    for (let d = 10; d <= segment - 10; d += 11) {
      const mx = s.x + ux * d;
      const my = s.y + uy * d;
      out.push({ t: 'line', x1: mx - tx * 8, y1: my - ty * 8, x2: mx + tx * 8, y2: my + ty * 8, stroke: ink, sw: 1.8 });
    }
  }
  const arrow = (tip: { x: number; y: number }, dx: number, dy: number): Prim => ({
    t: 'polygon',
    points: [
      [tip.x, tip.y],
      [tip.x - dx * head - dy * head * 0.5, tip.y - dy * head + dx * head * 0.5],
      [tip.x - dx * head + dy * head * 0.5, tip.y - dy * head - dx * head * 0.5],
    ],
    fill: ink,
  });
  if (arrowAtB) out.push(arrow(b, ux, uy));
  if (arrowAtA) out.push(arrow(a, -ux, -uy));
  if (style.label.trim() !== '') {
    // Beside the middle of the line, on its upper side (right side when the line is steep),
    // with a white halo where it crosses other lines.
    let nx = -uy;
    let ny = ux;
    if (ny > 0 || (Math.abs(ny) < 1e-6 && nx < 0)) {
      nx = -nx;
      ny = -ny;
    }
    const steep = Math.abs(ny) < 0.5;
    const off = style.strength === 'stressful' ? 15 : 11;
    const mx = (a.x + b.x) / 2 + nx * off;
    const my = (a.y + b.y) / 2 + ny * off - (steep ? 0 : 4);
    out.push({ t: 'text', x: mx, y: my, text: style.label.trim(), size: 12, fill: ink, weight: 600, halo: true, anchor: steep ? (nx > 0 ? 'start' : 'end') : 'middle' });
  }
  return out;
}
