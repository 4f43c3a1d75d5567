import { api, login } from '../helpers/http.ts';

/** What an attacker notices of an HTTP answer: the status and every byte of the body. */
export interface Seen {
  status: number;
  body: string;
}

/** A signed-in user making raw HTTP requests (the browser's same-origin headers, nothing else). */
export interface Attacker {
  username: string;
  cookie: string;
  send(method: string, path: string, body?: unknown): Promise<Seen>;
}

export async function attacker(baseUrl: string, username: string): Promise<Attacker> {
  const cookie = await login(baseUrl, username);
  return {
    username,
    cookie,
    async send(method, path, body) {
      const res = await api(baseUrl, cookie, method, path, body);
      // An event stream never ends on its own: read what it says first, then hang up.
      if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        const reader = res.body!.getReader();
        const { value } = await reader.read();
        await reader.cancel();
        return { status: res.status, body: new TextDecoder().decode(value) };
      }
      return { status: res.status, body: await res.text() };
    },
  };
}

/** Several attackers at once, in the order named. */
export async function attackers<const N extends readonly string[]>(baseUrl: string, names: N): Promise<{ [K in keyof N]: Attacker }> {
  return (await Promise.all(names.map((n) => attacker(baseUrl, n)))) as { [K in keyof N]: Attacker };
}
