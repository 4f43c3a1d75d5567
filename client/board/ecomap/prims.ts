/**
 * The ecomap's drawing as plain shape records. The canvas renders them as React SVG elements and
 * the export serialises them to an SVG string, so what is exported is exactly what is on screen
 * (one set of genogram and Hartman rules, not two that drift apart).
 */
export type Prim =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke: string; sw: number }
  | { t: 'circle'; cx: number; cy: number; r: number; fill: string; stroke: string; sw: number; dash?: string }
  | { t: 'ellipse'; cx: number; cy: number; rx: number; ry: number; fill: string; stroke: string; sw: number; dash?: string }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; sw: number; dash?: string; cap?: 'round' | 'butt' }
  | { t: 'polygon'; points: readonly (readonly [number, number])[]; fill: string; stroke?: string; sw?: number }
  | { t: 'text'; x: number; y: number; text: string; size: number; fill: string; anchor?: 'start' | 'middle' | 'end'; weight?: number; halo?: boolean };

export const FONT_FAMILY = '"Noto Sans CJK JP","Noto Sans JP",sans-serif';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 10) / 10);

/** One prim as an SVG element string (for the export). */
export function primToSvg(p: Prim): string {
  switch (p.t) {
    case 'rect':
      return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${p.sw}"/>`;
    case 'circle':
      return `<circle cx="${n(p.cx)}" cy="${n(p.cy)}" r="${n(p.r)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${p.sw}"${p.dash ? ` stroke-dasharray="${p.dash}"` : ''}/>`;
    case 'ellipse':
      return `<ellipse cx="${n(p.cx)}" cy="${n(p.cy)}" rx="${n(p.rx)}" ry="${n(p.ry)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${p.sw}"${p.dash ? ` stroke-dasharray="${p.dash}"` : ''}/>`;
    case 'line':
      return `<line x1="${n(p.x1)}" y1="${n(p.y1)}" x2="${n(p.x2)}" y2="${n(p.y2)}" stroke="${p.stroke}" stroke-width="${p.sw}" stroke-linecap="${p.cap ?? 'butt'}"${p.dash ? ` stroke-dasharray="${p.dash}"` : ''}/>`;
    case 'polygon':
      return `<polygon points="${p.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${p.fill}"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.sw ?? 1}"` : ''}/>`;
    case 'text': {
      const halo = p.halo ? ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"' : '';
      return `<text x="${n(p.x)}" y="${n(p.y)}" font-size="${p.size}" fill="${p.fill}" text-anchor="${p.anchor ?? 'middle'}" dominant-baseline="central"${p.weight ? ` font-weight="${p.weight}"` : ''}${halo}>${esc(p.text)}</text>`;
    }
  }
}

/** Moves prims by dx, dy (node-local drawings placed into the export's coordinates). */
export function translatePrims(prims: readonly Prim[], dx: number, dy: number): Prim[] {
  return prims.map((p): Prim => {
    switch (p.t) {
      case 'rect':
        return { ...p, x: p.x + dx, y: p.y + dy };
      case 'circle':
      case 'ellipse':
        return { ...p, cx: p.cx + dx, cy: p.cy + dy };
      case 'line':
        return { ...p, x1: p.x1 + dx, y1: p.y1 + dy, x2: p.x2 + dx, y2: p.y2 + dy };
      case 'polygon':
        return { ...p, points: p.points.map(([x, y]) => [x + dx, y + dy] as const) };
      case 'text':
        return { ...p, x: p.x + dx, y: p.y + dy };
    }
  });
}

/** Rough width of a string in em: CJK and full-width forms are 1, the rest about 0.6. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return w;
}

const charClass = (ch: string) =>
  /[\u30a0-\u30ff]/.test(ch) ? 'katakana' : /[\u3040-\u309f]/.test(ch) ? 'hiragana' : /[\u4e00-\u9fff]/.test(ch) ? 'kanji' : 'other';

/**
 * Wraps a label into at most `maxLines` lines of `perLine` em. Japanese has no spaces to break at,
 * so a line prefers to end where the script changes (支援|センター, はなみずき|市) rather than inside
 * a katakana word; the last line is cut with an ellipsis.
 */
export function wrapLabel(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const last = lines[lines.length - 1];
    // A short word joins the previous line (Latin names, "民生委員 山本さん").
    if (last !== undefined && emWidth(last) + 0.5 + emWidth(word) <= perLine) {
      lines[lines.length - 1] = `${last} ${word}`;
      continue;
    }
    let chars = [...word];
    while (chars.length > 0) {
      let cut = 0;
      let width = 0;
      while (cut < chars.length && width + emWidth(chars[cut]!) <= perLine) width += emWidth(chars[cut++]!);
      if (cut < chars.length) {
        // Back up to a script change within the last few characters, if there is one.
        for (let k = cut; k > Math.max(1, cut - 4); k--) {
          if (charClass(chars[k - 1]!) !== charClass(chars[k]!)) {
            cut = k;
            break;
          }
        }
      }
      cut = Math.max(1, cut);
      lines.push(chars.slice(0, cut).join(''));
      chars = chars.slice(cut);
    }
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const tail = [...kept[maxLines - 1]!];
  while (tail.length > 1 && emWidth(tail.join('')) + 1 > perLine) tail.pop();
  kept[maxLines - 1] = `${tail.join('')}…`;
  return kept;
}
