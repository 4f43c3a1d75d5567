import { configFromEnv } from './config.ts';
import { startServer } from './start.ts';

// A stray rejection or exception must be logged, not take down every meeting on this node.
process.on('unhandledRejection', (reason) => console.error('[server] unhandled rejection:', reason));
process.on('uncaughtException', (error) => console.error('[server] uncaught exception:', error));

// Composition root: configuration comes from the environment, nothing else reads it.
const config = configFromEnv();
const server = await startServer(config);

console.log(`\nかさね Kasane is running at ${server.url}`);
console.log(config.databaseUrl ? 'Store: PostgreSQL' : `Store: SQLite at ${config.dataDir}/kasane.sqlite`);
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
