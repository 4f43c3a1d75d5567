import { hc } from 'hono/client';
import type { ApiType } from '../../server/app.ts';

/** Typed end to end: the server's route definitions are the client's types (types only). */
export const api = hc<ApiType>('/api', { init: { credentials: 'same-origin' } });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Unwraps a JSON response, turning error bodies into ApiError with the server's message. */
export async function unwrap<T>(response: Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>): Promise<T> {
  const res = await response;
  if (res.ok) return (await res.json()) as T;
  let body: { error?: string; message?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: keep the status only
  }
  throw new ApiError(res.status, body.error ?? 'http_error', body.message ?? `HTTP ${res.status}`);
}
