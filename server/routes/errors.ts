import { ErrorBody } from '../../shared/api/auth.ts';

const DESCRIPTIONS = {
  400: 'Malformed request',
  401: 'Not signed in or session expired',
  403: 'Not allowed for this user',
  404: 'Unknown, or not visible to this user',
  409: 'Conflicts with the current state',
  410: 'Removed on purpose (e.g. past its retention period)',
} as const;

type ErrorStatus = keyof typeof DESCRIPTIONS;

/** OpenAPI response entries for the refusals a route can give (one body shape for all). */
export function errorResponses<const S extends ErrorStatus[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: DESCRIPTIONS[s], content: { 'application/json': { schema: ErrorBody } } }]),
  ) as { [K in S[number]]: { description: string; content: { 'application/json': { schema: typeof ErrorBody } } } };
}
