import { configFromEnv } from './config.ts';
import { startServer } from './start.ts';

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
