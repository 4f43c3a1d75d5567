import { spawnNode, type NodeProcess } from './cluster.ts';
import { login } from './http.ts';
import { waitUntil, yClient } from './ws.ts';

export const CRASH_DOC = 'meeting/meeting-yamada-1';

export interface CrashCycle {
  /** Distinct updates (array items) that at least one peer had received when the node died. */
  received: number;
  /** Of those, how many the restarted node served from its store. */
  restored: number;
  /** Items a peer had seen but the store did not keep (must be empty). */
  lost: string[];
}

/**
 * One kill -9 under load: a writer floods the meeting document with small updates (one array item
 * each), a peer watches from the start and a second peer joins in the middle of the flood (its
 * first sync reply is the path that used to carry unstored updates). Once the peers hold
 * `minItems` items the server process is killed with SIGKILL; what the peers had received is then
 * compared with what a fresh client gets from the restarted node. Returns the restarted node.
 */
export async function crashCycle(node: NodeProcess, env: Record<string, string>, label: string, minItems: number): Promise<{ result: CrashCycle; next: NodeProcess }> {
  const writer = yClient(node.url, CRASH_DOC, await login(node.url, 'tanaka'));
  const watcher = yClient(node.url, CRASH_DOC, await login(node.url, 'sato'));
  const joinerCookie = await login(node.url, 'ito');
  await Promise.all([writer.synced(), watcher.synced()]);
  const items = (doc: typeof writer.doc) => doc.getArray<string>('crash').toArray().filter((v) => v.startsWith(`${label}-`));
  let i = 0;
  // A steady flood, about 400 updates a second (typing is a few dozen), each its own update.
  const flood = setInterval(() => {
    for (let k = 0; k < 2; k++) writer.doc.getArray<string>('crash').push([`${label}-${i++}`]);
  }, 5);
  let joiner: ReturnType<typeof yClient> | null = null;
  try {
    await waitUntil(() => items(watcher.doc).length >= minItems / 2, 20_000, 'the watcher to receive half the flood');
    joiner = yClient(node.url, CRASH_DOC, joinerCookie);
    await joiner.synced();
    await waitUntil(() => items(watcher.doc).length >= minItems, 20_000, 'the watcher to receive the flood');
    await node.crash();
  } finally {
    clearInterval(flood);
  }
  const seen = new Set([...items(watcher.doc), ...(joiner ? items(joiner.doc) : [])]);
  for (const c of [writer, watcher, joiner]) c?.destroy();

  const next = await spawnNode(env);
  const reader = yClient(next.url, CRASH_DOC, await login(next.url, 'suzuki'));
  await reader.synced();
  const restored = new Set(items(reader.doc));
  reader.destroy();
  const lost = [...seen].filter((v) => !restored.has(v));
  return { result: { received: seen.size, restored: [...seen].filter((v) => restored.has(v)).length, lost }, next };
}
