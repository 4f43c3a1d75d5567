import { exportEdges, householdPrims } from './flow-elements.ts';
import { PERSON_H, PERSON_W, SYMBOL_CX, SYMBOL_CY } from './household-layout.ts';
import type { EcoModel } from './model.ts';
import { FONT_FAMILY, primToSvg, translatePrims, type Prim } from './prims.ts';
import { RESOURCE_R, edgePrims, personPrims, resourcePrims } from './shapes.ts';

export interface ExportText {
  title: string;
  household: string;
  strong: string;
  tenuous: string;
  stressful: string;
  arrow: string;
}

/**
 * The ecomap as a standalone SVG document, drawn from the model with the canvas's own prims:
 * only what this viewer can see, Japanese text as text (not outlines) in Noto Sans CJK JP, a
 * title and a legend so the file reads on its own in a case record.
 */
export function buildEcomapSvg(model: EcoModel, text: ExportText): { svg: string; width: number; height: number } {
  const box = householdPrims(model.household, text.household);
  // Each person, resource and relationship is a group with a <title>: the full name survives in
  // the file even where the drawing wraps it over lines, and screen readers announce it.
  const groups: string[] = [group(text.household, translatePrims(box.prims, box.x, box.y))];
  const strengthName = { strong: text.strong, tenuous: text.tenuous, stressful: text.stressful };
  // Notes on the lines are drawn last, over the nodes, as on the canvas.
  const notes: Prim[] = [];
  for (const e of exportEdges(model)) {
    groups.push(group(`${e.from} — ${e.to}: ${strengthName[e.strength]}`, e.prims.filter((p) => p.t !== 'text')));
    notes.push(...e.prims.filter((p) => p.t === 'text'));
  }
  for (const slot of model.household.slots) {
    groups.push(group(slot.person.name, translatePrims(personPrims(slot.person, slot.person.name, slot.person.relation), slot.cx - SYMBOL_CX, slot.cy - SYMBOL_CY)));
  }
  for (const { node } of model.resources) {
    groups.push(group(node.label, translatePrims(resourcePrims(node.label, node.field), node.x - RESOURCE_R, node.y - RESOURCE_R)));
  }
  groups.push(notes.map(primToSvg).join(''));

  // Bounds of everything drawn (text measured roughly; the margin absorbs the error).
  let minX = box.x;
  let minY = box.y;
  let maxX = box.x + box.w;
  let maxY = box.y + box.h;
  const grow = (x1: number, y1: number, x2: number, y2: number) => {
    minX = Math.min(minX, x1);
    minY = Math.min(minY, y1);
    maxX = Math.max(maxX, x2);
    maxY = Math.max(maxY, y2);
  };
  for (const s of model.household.slots) grow(s.cx - SYMBOL_CX, s.cy - SYMBOL_CY, s.cx - SYMBOL_CX + PERSON_W, s.cy - SYMBOL_CY + PERSON_H);
  for (const { node } of model.resources) grow(node.x - RESOURCE_R, node.y - RESOURCE_R, node.x + RESOURCE_R, node.y + RESOURCE_R);
  const margin = 40;
  const titleH = 44;
  const legendH = 48;
  const legendW = 660 + 13 * text.arrow.length;
  const width = Math.ceil(Math.max(560, maxX - minX + 2 * margin, legendW + 2 * margin));
  const height = Math.ceil(maxY - minY + 2 * margin + titleH + legendH);
  // The drawing centred horizontally under the title, the legend along the bottom.
  const dx = Math.round((width - (maxX - minX)) / 2 - minX);
  const dy = Math.round(margin + titleH - minY);

  const legendY = height - legendH / 2 - 6;
  const legend: Prim[] = [];
  const sample = (x: number, style: { strength: 'strong' | 'tenuous' | 'stressful'; direction: 'none' | 'forward' }, label: string) => {
    legend.push(...edgePrims(x, legendY, 0, x + 56, legendY, 0, { ...style, label: '' }));
    legend.push({ t: 'text', x: x + 64, y: legendY, text: label, size: 12, fill: '#1f2933', anchor: 'start' });
  };
  sample(margin, { strength: 'strong', direction: 'none' }, text.strong);
  sample(margin + 150, { strength: 'tenuous', direction: 'none' }, text.tenuous);
  sample(margin + 350, { strength: 'stressful', direction: 'none' }, text.stressful);
  sample(margin + 590, { strength: 'tenuous', direction: 'forward' }, text.arrow);

  const body = [
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    primToSvg({ t: 'text', x: margin, y: margin / 2 + 12, text: text.title, size: 18, fill: '#1f2933', anchor: 'start', weight: 700 }),
    `<g transform="translate(${dx} ${dy})">`,
    ...groups,
    '</g>',
    ...legend.map(primToSvg),
  ].join('\n');
  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT_FAMILY}' lang="ja">`,
    `<title>${escapeXml(text.title)}</title>`,
    body,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function group(title: string, prims: readonly Prim[]): string {
  return `<g><title>${escapeXml(title)}</title>${prims.map(primToSvg).join('')}</g>`;
}

/** Offers `blob` as a download under `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Rasterises the SVG at twice its size (sharp on print and high-density screens): the browser
 * draws the SVG as an image with the installed CJK font, so the PNG keeps the Japanese text.
 */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.scale(2, 2);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'));
}
