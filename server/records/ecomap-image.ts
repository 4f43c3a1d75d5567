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

export function ecomapImage(nodes: EcoNode[], edges: EcoEdge[], persons: Map<string, EcoPerson>, orgName: (id: string) => string | null): MinutesModel['ecomap'] {
  if (nodes.length === 0) return null;
  const ordered = [...nodes].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      Number(persons.get(b.personId ?? '')?.isSubject ?? false) - Number(persons.get(a.personId ?? '')?.isSubject ?? false) ||
      a.label.localeCompare(b.label, 'ja'),
  );
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1, maxX - minX), (HEIGHT - 2 * PAD) / Math.max(1, maxY - minY), 1.5);
  const offX = (WIDTH - (maxX - minX) * scale) / 2;
  const offY = (HEIGHT - (maxY - minY) * scale) / 2;
  const placed: Placed[] = ordered.map((node, i) => {
    const person = node.kind === 'person' && node.personId ? (persons.get(node.personId) ?? null) : null;
    const name = person?.name || node.label || (node.orgId ? orgName(node.orgId) : null) || ecoKindLabel(node.kind);
    return { no: i + 1, node, name, person, x: offX + (node.x - minX) * scale, y: offY + (node.y - minY) * scale };
  });
  const byId = new Map(placed.map((p) => [p.node.id, p]));
  // An edge is drawn only when both of its ends are visible to this reader (DESIGN.md).
  const drawn = edges.filter((e) => byId.has(e.from) && byId.has(e.to));

  return {
    svg: svgOf(placed, drawn, byId),
    png: pngOf(placed, drawn, byId).toString('base64'),
    width: WIDTH,
    height: HEIGHT,
    legend: placed.map((p) => ({ no: p.no, name: p.name, kind: p.person?.isSubject ? '本人' : ecoKindLabel(p.node.kind) })),
    relations: drawn.map((e) => ({
      from: `${byId.get(e.from)!.no} ${byId.get(e.from)!.name}`,
      to: `${byId.get(e.to)!.no} ${byId.get(e.to)!.name}`,
      kind: `${strengthLabel(e.strength)} ${directionLabel(e.direction)}`,
      label: e.label ?? '',
    })),
  };
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

function svgOf(placed: Placed[], edges: EcoEdge[], byId: Map<string, Placed>): string {
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif">`];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
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
    parts.push(`<text x="${p.x}" y="${p.y + 6}" text-anchor="middle" font-size="16" font-weight="bold" fill="#282828">${p.no}</text>`);
    parts.push(`<text x="${p.x}" y="${p.y + R + 16}" text-anchor="middle" font-size="13" fill="#282828" stroke="#ffffff" stroke-width="4" paint-order="stroke">${esc(p.name)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function pngOf(placed: Placed[], edges: EcoEdge[], byId: Map<string, Placed>): Buffer {
  const r = new Raster(WIDTH, HEIGHT);
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
    if (p.person?.deceased) r.line(p.x - R, p.y - R, p.x + R, p.y + R, 2, INK);
    r.number(String(p.no), p.x, p.y, 3, INK);
  }
  return r.toPng();
}
