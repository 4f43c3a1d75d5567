import { unwrap } from '../api/client.ts';

/** JSON calls to the intake, case-administration and invitation routes (issue 10). */
export function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return unwrap<T>(
    fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** Fills {name} placeholders of a message. */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
