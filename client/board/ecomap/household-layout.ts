import type { PersonView } from '../../../shared/api/cases.ts';
import type { Category } from '../../../shared/domain/categories.ts';

/**
 * Where the household is drawn. Person nodes are not stored: every participant derives the same
 * genogram from the case's persons, so the layout must be a pure function of that list (same
 * input, same picture on every screen and in every export).
 */

/** A person's box on the canvas: the symbol on top, name and relation under it. */
export const PERSON_W = 112;
export const PERSON_H = 92;
export const SYMBOL = 44;
/** The symbol's centre inside the person box. */
export const SYMBOL_CX = PERSON_W / 2;
export const SYMBOL_CY = 4 + SYMBOL / 2;
const GAP_X = 136;
const GAP_Y = 132;

export interface PersonSlot {
  person: PersonView;
  /** Symbol centre, flow coordinates (the household's centre is 0,0). */
  cx: number;
  cy: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A couple's state, when the case records it (partnerships); else read from the relation's words. */
export interface PartnershipHint {
  personA: string;
  personB: string;
  status: 'together' | 'separated' | 'divorced';
}

/** 別居 is one slash across the partnership line, 離婚 two (genogram convention). */
export function partnershipStatus(a: PersonView, b: PersonView, hints: readonly PartnershipHint[]): PartnershipHint['status'] {
  const hint = hints.find((h) => (h.personA === a.id && h.personB === b.id) || (h.personA === b.id && h.personB === a.id));
  if (hint) return hint.status;
  const words = `${a.relation} ${b.relation}`;
  if (/離婚|元夫|元妻|元配偶者/.test(words)) return 'divorced';
  if (/別居/.test(words)) return 'separated';
  return 'together';
}

export interface HouseholdLayout {
  slots: PersonSlot[];
  /** Genogram lines: partnership and descent. */
  lines: Segment[];
  ellipse: { cx: number; cy: number; rx: number; ry: number };
}

/**
 * Generation relative to the person of concern, read from the relation as the case records it
 * (本人, 夫 (故人), 長男, 長女 (県外在住) …). Relations are written relative to 本人.
 */
function generation(p: PersonView): { gen: number; spouse: boolean } {
  const r = p.relation;
  if (p.isSubject || /^本人/.test(r)) return { gen: 0, spouse: false };
  if (/夫|妻|配偶者|パートナー/.test(r)) return { gen: 0, spouse: true };
  if (/孫/.test(r)) return { gen: 2, spouse: false };
  if (/祖父|祖母/.test(r)) return { gen: -2, spouse: false };
  if (/^(実|義)?(父|母)|^父|^母/.test(r)) return { gen: -1, spouse: false };
  if (/長男|長女|次男|次女|三男|三女|男|女|息子|娘|^子/.test(r) && !/兄|弟|姉|妹/.test(r)) return { gen: 1, spouse: false };
  return { gen: 0, spouse: false };
}

/** Genogram convention: male to the left of a couple; children eldest first from the left. */
const byAgeDesc = (a: PersonView, b: PersonView) => (b.age ?? -1) - (a.age ?? -1) || a.id.localeCompare(b.id);
const maleFirst = (a: PersonView, b: PersonView) => (a.sex === 'male' ? 0 : 1) - (b.sex === 'male' ? 0 : 1) || a.id.localeCompare(b.id);

export function layoutHousehold(persons: readonly PersonView[], partnerships: readonly PartnershipHint[] = []): HouseholdLayout {
  const rows = new Map<number, { couple: PersonView[]; others: PersonView[] }>();
  for (const p of persons) {
    const { gen, spouse } = generation(p);
    const row = rows.get(gen) ?? { couple: [], others: [] };
    if (p.isSubject || spouse) row.couple.push(p);
    else row.others.push(p);
    rows.set(gen, row);
  }
  const gens = [...rows.keys()].sort((a, b) => a - b);
  const slots: PersonSlot[] = [];
  const lines: Segment[] = [];
  const rowSlots = new Map<number, PersonSlot[]>();
  gens.forEach((gen, rowIndex) => {
    const row = rows.get(gen)!;
    const ordered = gen === 0 ? [...row.couple.sort(maleFirst), ...row.others.sort(byAgeDesc)] : [...row.others.sort(gen === -1 ? maleFirst : byAgeDesc)];
    const width = (ordered.length - 1) * GAP_X;
    const placed = ordered.map((person, i) => ({ person, cx: i * GAP_X - width / 2, cy: rowIndex * GAP_Y }));
    rowSlots.set(gen, placed);
    slots.push(...placed);
  });

  /** Under the name and relation: a lone parent's descent line starts there, clear of the text. */
  const bottom = (s: PersonSlot) => s.cy - SYMBOL_CY + PERSON_H;
  const top = (s: PersonSlot) => s.cy - SYMBOL / 2;
  /**
   * A couple: a line between the partners' symbols at mid-height (names sit under the symbols,
   * so the usual line below them would run through the names); children descend from its middle.
   */
  const couple = (a: PersonSlot, b: PersonSlot) => {
    lines.push({ x1: a.cx + SYMBOL / 2, y1: a.cy, x2: b.cx - SYMBOL / 2, y2: b.cy });
    const mid = (a.cx + b.cx) / 2;
    const status = partnershipStatus(a.person, b.person, partnerships);
    // Slashes across the line, clear of the middle where the children's line descends.
    const slashes = status === 'divorced' ? [-14, -4] : status === 'separated' ? [-9] : [];
    for (const off of slashes) lines.push({ x1: mid + off - 5, y1: a.cy + 9, x2: mid + off + 5, y2: a.cy - 9 });
    return { x: mid, y: a.cy };
  };
  /** Descent: from the parents' line down to a sibship line, then down to each child. */
  const descent = (from: { x: number; y: number }, children: PersonSlot[]) => {
    if (children.length === 0) return;
    const y = top(children[0]!) - 16;
    lines.push({ x1: from.x, y1: from.y, x2: from.x, y2: y });
    const xs = children.map((c) => c.cx).concat(from.x);
    lines.push({ x1: Math.min(...xs), y1: y, x2: Math.max(...xs), y2: y });
    for (const c of children) lines.push({ x1: c.cx, y1: y, x2: c.cx, y2: top(c) });
  };

  const subjectRow = rowSlots.get(0) ?? [];
  const pair = subjectRow.filter((s) => rows.get(0)!.couple.includes(s.person));
  const anchor = pair.length === 2 ? couple(pair[0]!, pair[1]!) : pair[0] ? { x: pair[0].cx, y: bottom(pair[0]) } : null;
  if (anchor) descent(anchor, rowSlots.get(1) ?? []);
  const parents = rowSlots.get(-1) ?? [];
  if (parents.length > 0 && subjectRow.length > 0) {
    const from = parents.length >= 2 ? couple(parents[0]!, parents[1]!) : { x: parents[0]!.cx, y: bottom(parents[0]!) };
    // 本人 and siblings descend from the parents; a spouse does not.
    descent(from, subjectRow.filter((s) => !pair.includes(s) || s.person.isSubject));
  }

  // Centre the drawing on 0,0 so resources can ring it.
  const minX = Math.min(...slots.map((s) => s.cx - PERSON_W / 2));
  const maxX = Math.max(...slots.map((s) => s.cx + PERSON_W / 2));
  const minY = Math.min(...slots.map((s) => s.cy - SYMBOL_CY));
  const maxY = Math.max(...slots.map((s) => s.cy - SYMBOL_CY + PERSON_H));
  if (slots.length === 0) return { slots, lines, ellipse: { cx: 0, cy: 0, rx: 120, ry: 90 } };
  const dx = -(minX + maxX) / 2;
  const dy = -(minY + maxY) / 2;
  for (const s of slots) {
    s.cx += dx;
    s.cy += dy;
  }
  for (const l of lines) {
    l.x1 += dx;
    l.x2 += dx;
    l.y1 += dy;
    l.y2 += dy;
  }
  // An ellipse around a w×h box passes its corners when scaled by √2; a little less keeps it snug.
  const rx = Math.max(130, ((maxX - minX) / 2) * 1.32 + 16);
  const ry = Math.max(100, ((maxY - minY) / 2) * 1.32 + 12);
  return { slots, lines, ellipse: { cx: 0, cy: 0, rx, ry } };
}

/**
 * Each kind of information has its own direction from the member it concerns: 生活状況 straight
 * out, 医療・健康 and 収入・債務 to either side, and so on (degrees, clockwise).
 */
const SECTOR_OFFSET: Record<Category, number> = {
  living: 0,
  health: 45,
  finances: -45,
  basic: 90,
  disability: -90,
  tax: 135,
  justice: -135,
  child_protection: 180,
  dv_whereabouts: 180,
};
const deg = Math.PI / 180;

/**
 * Where a new resource goes: on a ring around the household, out from the member it concerns
 * (short lines that do not cross the genogram), turned by its category, at the first free place
 * from which its line does not cut through another member's symbol. The category matters
 * because a viewer cannot avoid nodes it cannot see: those sit in compartments of other
 * categories (consent opens information by category), and so in other directions. A drag fixes
 * the rare overlap that remains.
 */
export function freeRingPosition(
  layout: HouseholdLayout,
  taken: readonly { x: number; y: number }[],
  category: Category,
  personId: string | null,
): { x: number; y: number } {
  const { ellipse } = layout;
  const near = layout.slots.find((s) => s.person.id === personId) ?? null;
  const others = layout.slots.filter((s) => s !== near);
  // Out from the member (seen from the household's centre); straight up for nobody in particular.
  const base = near && Math.hypot(near.cx - ellipse.cx, near.cy - ellipse.cy) > 1 ? Math.atan2(near.cy - ellipse.cy, near.cx - ellipse.cx) : -90 * deg;
  const target = base + SECTOR_OFFSET[category] * deg;
  const clearLine = (x: number, y: number) => !near || others.every((o) => distanceToSegment(o.cx, o.cy, near.cx, near.cy, x, y) > 48);
  for (let ring = 0; ring < 4; ring++) {
    const rx = ellipse.rx + 115 + ring * 125;
    const ry = ellipse.ry + 90 + ring * 110;
    // Neighbouring places one circle (plus a gap) apart along this ring.
    const step = 128 / ((rx + ry) / 2);
    let fallback: { x: number; y: number } | null = null;
    for (let k = 0; k < 13; k++) {
      const angle = target + (k % 2 === 0 ? k / 2 : -(k + 1) / 2) * step;
      const x = Math.round(ellipse.cx + rx * Math.cos(angle));
      const y = Math.round(ellipse.cy + ry * Math.sin(angle));
      if (!taken.every((t) => Math.hypot(t.x - x, t.y - y) > 124)) continue;
      if (k <= 4 && clearLine(x, y)) return { x, y };
      fallback ??= { x, y };
    }
    if (fallback) return fallback;
  }
  return { x: ellipse.cx + ellipse.rx + 200, y: ellipse.cy + taken.length * 24 };
}

function distanceToSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}
