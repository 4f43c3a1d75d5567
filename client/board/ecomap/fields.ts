import type { EcoDirection, EcoNodeKind, EcoStrength } from '../../../shared/board/schema.ts';

/** The fields (分野) a resource can belong to; agencies take theirs from the directory. */
export const ECO_FIELDS = [
  'elderly',
  'disability',
  'children',
  'poverty',
  'medical',
  'coordination',
  'administration',
  'education',
  'legal',
  'employment',
  'community',
  'other',
] as const;
export type EcoField = (typeof ECO_FIELDS)[number];

export const RESOURCE_KINDS = ['agency', 'service', 'informal'] as const satisfies readonly EcoNodeKind[];
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const STRENGTHS: readonly EcoStrength[] = ['strong', 'tenuous', 'stressful'];
export const DIRECTIONS: readonly EcoDirection[] = ['none', 'forward', 'backward', 'both'];

export interface FieldColor {
  fill: string;
  stroke: string;
}

/**
 * One hue per field, pale fill with a dark rim: the dark text inside stays readable (contrast
 * above 7:1 on every fill) and fields stay apart for most colour-vision types because the hues
 * also differ in lightness.
 */
const COLORS: Record<EcoField, FieldColor> = {
  elderly: { fill: '#fde68a', stroke: '#92400e' },
  disability: { fill: '#d9f99d', stroke: '#3f6212' },
  children: { fill: '#fbcfe8', stroke: '#9d174d' },
  poverty: { fill: '#bfdbfe', stroke: '#1e40af' },
  medical: { fill: '#fecaca', stroke: '#991b1b' },
  coordination: { fill: '#fed7aa', stroke: '#9a3412' },
  administration: { fill: '#e2e8f0', stroke: '#334155' },
  education: { fill: '#c7d2fe', stroke: '#3730a3' },
  legal: { fill: '#e9d5ff', stroke: '#6b21a8' },
  employment: { fill: '#a5f3fc', stroke: '#155e75' },
  community: { fill: '#bbf7d0', stroke: '#166534' },
  other: { fill: '#f1f5f9', stroke: '#475569' },
};

export function isEcoField(value: unknown): value is EcoField {
  return typeof value === 'string' && (ECO_FIELDS as readonly string[]).includes(value);
}

/** Unknown fields (a newer client, a municipality's own field) fall back to 'other'. */
export function fieldColor(field: string | null): FieldColor {
  return COLORS[isEcoField(field) ? field : 'other'];
}

/** The field a new resource starts with: its agency's, or what informal resources usually are. */
export function defaultField(kind: ResourceKind, orgField: string | null): EcoField {
  if (kind === 'agency' && isEcoField(orgField)) return orgField;
  return kind === 'informal' ? 'community' : 'other';
}
