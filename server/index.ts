import { configFromEnv } from './config.ts';
import { startServer } from './start.ts';
import { wareki } from '../shared/domain/fiscal-year.ts';

// A stray rejection or exception must be logged, not take down every meeting on this node.
process.on('unhandledRejection', (reason) => console.error('[server] unhandled rejection:', reason));
process.on('uncaughtException', (error) => console.error('[server] uncaught exception:', error));

// Composition root: configuration comes from the environment, nothing else reads it.
const config = configFromEnv();
let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer(config);
} catch (error) {
  // Cannot bind the port, cannot reach or migrate the store: say so and exit non-zero, so a
  // supervisor or an operator sees the failure instead of a silent half-started node.
  console.error('[server] could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}

console.log(`\nかさね Kasane is running at ${server.url}`);
console.log(config.databaseUrl ? 'Store: PostgreSQL' : `Store: SQLite at ${config.dataDir}/kasane.sqlite`);
console.log(config.redisUrl ? `Bus: Redis (${server.deps.bus.health().reachable ? 'reachable' : 'not reachable yet'})` : 'Bus: single node');
if (server.demoLogins.length > 0) {
  console.log('\nDemo logins (fictional municipality はなみずき市, all names invented):');
  for (const login of server.demoLogins) {
    console.log(`  ${login.username.padEnd(12)} / ${login.password}   ${login.description}`);
  }
}
if (server.setupLink?.kind === 'issued') {
  // Printed this once: only its hash is stored. Behind a reverse proxy, open the same path on its address.
  console.log('\n管理者が登録されていません。次のリンクから最初の管理者を登録してください (1回限り・24時間有効):');
  console.log(`  ${server.url}${server.setupLink.path}`);
  console.log(`  (有効期限 ${wareki(server.setupLink.expiresAt, { time: true })}。npm run admin:create でも登録できます)`);
  console.log('No administrator yet: open the link above once, within 24 hours, to create the first one.');
} else if (server.setupLink?.kind === 'pending') {
  console.log(`\n管理者が登録されていません。初回起動時に表示した初期設定リンクが ${wareki(server.setupLink.expiresAt, { time: true })} まで有効です。`);
  console.log('紛失した場合は期限後に再起動すると新しいリンクが表示されます。または npm run admin:create で登録してください。');
}
console.log('');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
