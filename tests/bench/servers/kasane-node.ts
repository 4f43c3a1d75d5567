/**
 * Kasane for benchmarks: a real server (SQLite in a temp dir) with `BENCH_MEETINGS` extra open
 * meetings of the demo household, every demo member a participant. Prints its URL as JSON on
 * stdout, then serves until killed.
 */
import { startTestServer } from '../../helpers/server.ts';

const meetings = Number(process.env.BENCH_MEETINGS ?? 20);
const server = await startTestServer();
const db = server.deps.db;
const now = new Date().toISOString();
const members = ['u-tanaka', 'u-sato', 'u-suzuki', 'u-takahashi', 'u-ito'];
for (let m = 0; m < meetings; m++) {
  await db.insertInto('meetings').values({ id: `bench-${m}`, case_id: 'case-yamada', kind_id: 'jusoteki', moment: null, title: `bench ${m}`, scheduled_at: now, state: 'open', video_url: null, created_by: 'u-tanaka' }).execute();
  await db
    .insertInto('meeting_participants')
    .values(members.map((u) => ({ meeting_id: `bench-${m}`, user_id: u, role: u === 'u-tanaka' ? 'facilitator' : 'member', person_id: null, affirmed_at: now, added_at: now })))
    .execute();
}
console.log(JSON.stringify({ url: server.url }));
process.on('SIGTERM', () => {
  void server.dispose().then(() => process.exit(0));
});
