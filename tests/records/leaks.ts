import type { MinutesModel } from '../../shared/api/records.ts';

/**
 * What must never reach a person in a record (BRIEF: no internal code): ids, field keys, ISO
 * timestamps or dates, English enum values. Returns each match, so a failure shows the leak.
 */
const PATTERNS: RegExp[] = [
  /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}[^\s]*)?/g, // ISO dates and timestamps
  /\b(?:org|u|p|case|meeting|n|e|d|a|r)-[a-z0-9][a-z0-9-]*/g, // ids of the demo data and board items
  /\b(?:rec|cat|role|moment)_[A-Za-z_]+/g, // message keys
  /\b(?:createdAt|createdBy|ownerOrgId|dueDate|personId|orgId|supplierOrgId|monitoringDate|byWhen|planItemId)\b/g, // field keys
  /\b(?:planned|active|paused|creation|plan_creation|in_person|hybrid|strong|tenuous|stressful|facilitator|member|granted|withdrawn|not_asked|support_meeting|jusoteki|shien)\b/g, // enum values
];

export function leakedCodes(text: string): string[] {
  return PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => m[0]));
}

/** Every string a person reads in the model (the images are checked as images). */
export function modelText(model: MinutesModel): string {
  const { ecomap, ...rest } = model;
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== 'kind' && walk(x));
  };
  walk(rest);
  if (ecomap) walk({ legend: ecomap.legend, relations: ecomap.relations });
  return strings.join('\n');
}
