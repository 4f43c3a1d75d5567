/**
 * `npm run admin:create`: the one way to make the first administrator of a real installation
 * (KASANE_SEED_DEMO=0 starts with no account at all). Takes --login, --name, --password, --org and
 * --municipality, asks for what is missing (the password without echo), and refuses when an
 * administrator already exists. Uses the same store as the server (DATABASE_URL or KASANE_DATA_DIR).
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.ts';
import { openPostgres, openSqlite } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { prepareInstallation } from '../seed/going-live.ts';
import { KyselyAuditLog } from '../audit/audit-store.ts';
import { createFirstAdministrator, FirstAdminRefused } from './first-admin.ts';

const { values } = parseArgs({
  options: {
    login: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    org: { type: 'string' },
    municipality: { type: 'string' },
  },
});

async function ask(question: string, hidden = false): Promise<string> {
  // Without a terminal (a script, CI) there is nobody to ask: missing values stay empty and are refused.
  if (!process.stdin.isTTY) return '';
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (hidden && process.stdin.isTTY) {
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(s);
    };
  }
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  if (hidden) process.stdout.write('\n');
  return answer.trim();
}

const config = configFromEnv();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const db = config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(join(config.dataDir, 'kasane.sqlite'));
try {
  await migrateToLatest(db);
  const demo = (await db.selectFrom('users').select('id').where('id', '=', 'u-admin').executeTakeFirst()) !== undefined;
  await prepareInstallation(db, { demo, sessionTtlSeconds: config.sessionTtlSeconds });
  const existing = await db.selectFrom('users').select('id').where('role', '=', 'administrator').where('deactivated_at', 'is', null).executeTakeFirst();
  if (existing) throw new FirstAdminRefused('管理者は既に登録されています。追加の管理者は管理画面から登録してください (an administrator already exists)');
  const username = values.login ?? (await ask('ログインID (login): '));
  const displayName = values.name ?? (await ask('氏名 (name): '));
  const orgName = values.org ?? ((await ask('所属 (organisation) [福祉政策課]: ')) || '福祉政策課');
  const municipalityName = values.municipality ?? (await ask('自治体名 (municipality, empty to set later): '));
  let password = values.password;
  if (password === undefined && process.stdin.isTTY) {
    password = await ask('パスワード (password, 10文字以上): ', true);
    const again = await ask('もう一度 (again): ', true);
    if (again !== password) throw new FirstAdminRefused('パスワードが一致しません (passwords differ)');
  }
  const { userId } = await createFirstAdministrator(db, { username, displayName, password: password ?? '', orgName, municipalityName });
  await new KyselyAuditLog(db).record({ actorUserId: userId, action: 'admin.first_administrator_created', detail: { username } });
  console.log(`管理者 ${displayName} (${username}) を登録しました。サインインして組織と利用者を登録してください。`);
  console.log(`Administrator ${username} created.`);
} catch (error) {
  if (error instanceof FirstAdminRefused) {
    console.error(`登録できません: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 2;
  }
} finally {
  await db.destroy();
}
