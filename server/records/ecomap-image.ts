import type { EcoEdge, EcoNode } from '../../shared/board/schema.ts';
import type { MinutesModel } from '../../shared/api/records.ts';
import { Raster, type Rgb } from './png-raster.ts';
import { directionLabel, ecoKindLabel, strengthLabel } from './labels.ts';

/**
 * The frozen ecomap drawn for the record: one layout, two renderings. The SVG (print layout)
 * carries names; the PNG (DOCX) carries the same numbered circles, and both are followed by the
 * same legend, so they agree. Hartman notation: persons as genogram symbols (square male, circle
 * female, the person of concern double-lined, deceased crossed), resources as circles; solid =
 * strong, dashed = tenuous, hatched = stressful; arrows for the direction of support.
 */

export interface EcoPerson {
  name: string;
  sex: string;
  deceased: boolean;
  isSubject: boolean;
}

const WIDTH = 720;
const HEIGHT = 460;
const PAD = 50;
const R = 24;
const KIND_ORDER = ['person', 'agency', 'service', 'informal'];
const FILL: Record<string, Rgb> = { person: [255, 255, 255], agency: [222, 235, 250], service: [225, 245, 228], informal: [253, 238, 218] };
const INK: Rgb = [40, 40, 40];
const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Placed {
  no: number;
  node: EcoNode;
  name: string;
  x: number;
  y: number;
  person: EcoPerson | null;
}

/** Person nodes are derived from the case on the board, never stored; edges name them so. */
const personNodeId = (personId: string) => `person:${personId}`;

/** Generation relative to 本人, read from the relation as the case records it (as the board does). */
function generation(p: EcoPerson & { relation?: string }): number {
  const r = p.relation ?? '';
  if (p.isSubject || /^本人/.test(r) || /夫|妻|配偶者|パートナー/.test(r)) return 0;
  if (/孫/.test(r)) return 2;
  if (/祖父|祖母/.test(r)) return -2;
  if (/^(実|義)?(父|母)|^父|^母/.test(r)) return -1;
  if (/長男|長女|次男|次女|三男|三女|男|女|息子|娘|^子/.test(r) && !/兄|弟|姉|妹/.test(r)) return 1;
  return 0;
}

/**
 * The household in the centre (board coordinates put it around 0,0, resources ring it), the
 * resources where they were placed; a relationship only when both ends are visible here.
 */
export function ecomapImage(
  household: (EcoPerson & { id: string; relation?: string })[],
  resources: EcoNode[],
  edges: EcoEdge[],
  orgName: (id: string) => string | null,
): MinutesModel['ecomap'] {
  const nodes = resources.filter((n) => n.kind !== 'person');
  if (nodes.length === 0 && household.length === 0) return null;
  const rows = new Map<number, (EcoPerson & { id: string })[]>();
  for (const p of household) rows.set(generation(p), [...(rows.get(generation(p)) ?? []), p]);
  const gens = [...rows.keys()].sort((a, b) => a - b);
  const homes: { id: string; person: EcoPerson; x: number; y: number }[] = [];
  gens.forEach((gen, row) => {
    const members = rows.get(gen)!.sort((a, b) => Number(b.isSubject) - Number(a.isSubject));
    members.forEach((p, i) => homes.push({ id: personNodeId(p.id), person: p, x: (i - (members.length - 1) / 2) * 110, y: (row - (gens.length - 1) / 2) * 110 }));
  });
  const ordered = [...nodes].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.label.localeCompare(b.label, 'ja'));
  const all = [...homes.map((h) => ({ x: h.x, y: h.y })), ...ordered.map((n) => ({ x: n.x, y: n.y }))];
  const xs = all.map((n) => n.x);
  const ys = all.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1, maxX - minX), (HEIGHT - 2 * PAD) / Math.max(1, maxY - minY), 1.2);
  const offX = (WIDTH - (maxX - minX) * scale) / 2;
  const offY = (HEIGHT - (maxY - minY) * scale) / 2;
  const at = (x: number, y: number) => ({ x: offX + (x - minX) * scale, y: offY + (y - minY) * scale });
  const placed: Placed[] = [
    ...homes.map((h, i) => ({ no: i + 1, node: { id: h.id, kind: 'person', personId: null, orgId: null, label: h.person.name, field: null, x: h.x, y: h.y } as EcoNode, name: h.person.name, person: h.person, ...at(h.x, h.y) })),
    ...ordered.map((node, i) => ({ no: homes.length + i + 1, node, name: node.label || (node.orgId ? orgName(node.orgId) : null) || ecoKindLabel(node.kind), person: null, ...at(node.x, node.y) })),
  ];
  const byId = new Map(placed.map((p) => [p.node.id, p]));
  const drawn = edges.filter((e) => byId.has(e.from) && byId.has(e.to) && e.from !== e.to);
  const homePlaced = placed.filter((p) => p.person);

  return {
    svg: svgOf(placed, drawn, byId, homePlaced),
    png: pngOf(placed, drawn, byId, homePlaced).toString('base64'),
    width: WIDTH,
    height: HEIGHT,
    legend: placed.map((p) => ({ no: p.no, name: p.name, kind: p.person?.isSubject ? '本人' : p.person ? '世帯員' : ecoKindLabel(p.node.kind) })),
    relations: drawn.map((e) => ({
      from: `${byId.get(e.from)!.no} ${byId.get(e.from)!.name}`,
      to: `${byId.get(e.to)!.no} ${byId.get(e.to)!.name}`,
      kind: `${strengthLabel(e.strength)} ${directionLabel(e.direction)}`,
      label: e.label ?? '',
    })),
  };
}

/** The household circle around its members (Hartman: the family in the middle). */
function householdRing(homes: Placed[]): { cx: number; cy: number; rx: number; ry: number } | null {
  if (homes.length === 0) return null;
  const xs = homes.map((h) => h.x);
  const ys = homes.map((h) => h.y);
  return { cx: (Math.min(...xs) + Math.max(...xs)) / 2, cy: (Math.min(...ys) + Math.max(...ys)) / 2, rx: (Math.max(...xs) - Math.min(...xs)) / 2 + R + 22, ry: (Math.max(...ys) - Math.min(...ys)) / 2 + R + 26 };
}

/** The segment between two circles' rims, so arrowheads touch the circles. */
function rim(a: Placed, b: Placed): [number, number, number, number] {
  const d = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
  const ux = (b.x - a.x) / d;
  const uy = (b.y - a.y) / d;
  return [a.x + ux * (R + 2), a.y + uy * (R + 2), b.x - ux * (R + 2), b.y - uy * (R + 2)];
}

function arrowPoints(x0: number, y0: number, x1: number, y1: number): [[number, number], [number, number], [number, number]] {
  const d = Math.max(1, Math.hypot(x1 - x0, y1 - y0));
  const ux = (x1 - x0) / d;
  const uy = (y1 - y0) / d;
  return [
    [x1, y1],
    [x1 - ux * 12 - uy * 6, y1 - uy * 12 + ux * 6],
    [x1 - ux * 12 + uy * 6, y1 - uy * 12 - ux * 6],
  ];
}

function hatches(x0: number, y0: number, x1: number, y1: number): [number, number, number, number][] {
  const d = Math.hypot(x1 - x0, y1 - y0);
  const ux = (x1 - x0) / Math.max(1, d);
  const uy = (y1 - y0) / Math.max(1, d);
  const out: [number, number, number, number][] = [];
  for (let t = 10; t < d - 10; t += 12) {
    const cx = x0 + ux * t;
    const cy = y0 + uy * t;
    out.push([cx - uy * 7 - ux * 3, cy + ux * 7 - uy * 3, cx + uy * 7 + ux * 3, cy - ux * 7 + uy * 3]);
  }
  return out;
}

function svgOf(placed: Placed[], edges: EcoEdge[], byId: Map<string, Placed>, homes: Placed[]): string {
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif">`];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  const ring = householdRing(homes);
  if (ring) parts.push(`<ellipse cx="${ring.cx}" cy="${ring.cy}" rx="${ring.rx}" ry="${ring.ry}" fill="none" stroke="#282828" stroke-width="2"/>`);
  for (const e of edges) {
    const [x0, y0, x1, y1] = rim(byId.get(e.from)!, byId.get(e.to)!);
    const dash = e.strength === 'tenuous' ? ' stroke-dasharray="8 6"' : '';
    parts.push(`<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y1}" stroke="#282828" stroke-width="${e.strength === 'strong' ? 4 : 2}"${dash}/>`);
    if (e.strength === 'stressful') for (const [a, b, c, d] of hatches(x0, y0, x1, y1)) parts.push(`<line x1="${a}" y1="${b}" x2="${c}" y2="${d}" stroke="#282828" stroke-width="2"/>`);
    const heads: [number, number, number, number][] = [];
    if (e.direction === 'forward' || e.direction === 'both') heads.push([x0, y0, x1, y1]);
    if (e.direction === 'backward' || e.direction === 'both') heads.push([x1, y1, x0, y0]);
    for (const h of heads) parts.push(`<polygon points="${arrowPoints(...h).map((p) => p.join(',')).join(' ')}" fill="#282828"/>`);
  }
  for (const p of placed) {
    const fill = hex(FILL[p.node.kind] ?? FILL.informal!);
    const male = p.person?.sex === 'male';
    const shape = (r: number, extra = '') =>
      male ? `<rect x="${p.x - r}" y="${p.y - r}" width="${2 * r}" height="${2 * r}" fill="${fill}" stroke="#282828" stroke-width="2"${extra}/>` : `<circle cx="${p.x}" cy="${p.y}" r="${r}" fill="${fill}" stroke="#282828" stroke-width="2"${extra}/>`;
    parts.push(shape(R));
    if (p.person?.isSubject) parts.push(shape(R - 5, ' fill-opacity="0"'));
    if (p.person?.deceased) parts.push(`<line x1="${p.x - R}" y1="${p.y - R}" x2="${p.x + R}" y2="${p.y + R}" stroke="#282828" stroke-width="2"/>`);
    // A halo in the shape's colour: the deceased's diagonal must not run through the number (a 2 read as an 8).
    parts.push(`<text x="${p.x}" y="${p.y + 6}" text-anchor="middle" font-size="16" font-weight="bold" fill="#282828" stroke="${fill}" stroke-width="5" paint-order="stroke">${p.no}</text>`);
    parts.push(`<text x="${p.x}" y="${p.y + R + 16}" text-anchor="middle" font-size="13" fill="#282828" stroke="#ffffff" stroke-width="4" paint-order="stroke">${esc(p.name)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function pngOf(placed: Placed[], edges: EcoEdge[], byId: Map<string, Placed>, homes: Placed[]): Buffer {
  const r = new Raster(WIDTH, HEIGHT);
  const ring = householdRing(homes);
  if (ring) r.ellipse(ring.cx, ring.cy, ring.rx, ring.ry, 2, INK);
  for (const e of edges) {
    const [x0, y0, x1, y1] = rim(byId.get(e.from)!, byId.get(e.to)!);
    r.line(x0, y0, x1, y1, e.strength === 'strong' ? 4 : 2, INK, e.strength === 'tenuous' ? [8, 6] : undefined);
    if (e.strength === 'stressful') for (const [a, b, c, d] of hatches(x0, y0, x1, y1)) r.line(a, b, c, d, 2, INK);
    if (e.direction === 'forward' || e.direction === 'both') r.triangle(...arrowPoints(x0, y0, x1, y1), INK);
    if (e.direction === 'backward' || e.direction === 'both') r.triangle(...arrowPoints(x1, y1, x0, y0), INK);
  }
  for (const p of placed) {
    const fill = FILL[p.node.kind] ?? FILL.informal!;
    if (p.person?.sex === 'male') {
      r.rect(p.x - R, p.y - R, p.x + R, p.y + R, INK);
      r.rect(p.x - R + 2, p.y - R + 2, p.x + R - 2, p.y + R - 2, fill);
      if (p.person.isSubject) {
        r.rect(p.x - R + 5, p.y - R + 5, p.x + R - 5, p.y + R - 5, INK);
        r.rect(p.x - R + 7, p.y - R + 7, p.x + R - 7, p.y + R - 7, fill);
      }
    } else {
      r.disc(p.x, p.y, R, fill);
      r.ring(p.x, p.y, R, 2, INK);
      if (p.person?.isSubject) r.ring(p.x, p.y, R - 5, 2, INK);
    }
    if (p.person?.deceased) {
      r.line(p.x - R, p.y - R, p.x + R, p.y + R, 2, INK);
      // The number on a clear patch, as in the SVG: not crossed by the diagonal.
      const half = (String(p.no).length * 12 - 3) / 2 + 3;
      r.rect(Math.round(p.x - half), p.y - 11, Math.round(p.x + half), p.y + 11, fill);
    }
    r.number(String(p.no), p.x, p.y, 3, INK);
  }
  return r.toPng();
}
