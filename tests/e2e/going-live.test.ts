/**
 * Issue 10's evidence, as one story on one fresh real installation (KASANE_SEED_DEMO=0), every
 * step on the screens by the person who would do it, each at their own computer (own browser
 * context) at 1024×768: the first administrator is made with `npm run admin:create` and sets the
 * municipality up; the coordinator enrols TOTP and signs in with a code; an agency worker sends
 * つなぐシート (consent not given); the coordinator accepts them into cases, schedules 支援会議,
 * invites a doctor by link, starts the meeting and puts a tax note on the board; the doctor joins
 * (setting a password and enrolling TOTP, as the municipality requires) and sees only what the rules allow; consent is recorded and 支援決定 moves the case to the
 * 重層的支援会議. Every screen is checked (axe, width, no internal codes) and photographed as
 * tests/e2e/artifacts/going-live-NN-*.png. Run `npx vite build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { configFromEnv } from '../../server/config.ts';
import { startTestServer, BUILT_CLIENT_DIR, type TestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { requireBuiltClient, WAIT } from '../helpers/board-session.ts';
import { leaked, watchForLeaks } from '../helpers/page-watch.ts';
import type { TestAuthenticator } from '../helpers/totp.ts';
import { screenChecker } from './going-live/screens.ts';
import { enrolAuthenticator, keepRecoveryCodes, nav, newComputer, replacePassword, submitPassword } from './going-live/people.ts';
import { addOrganisation, addUser, adminCreate, closeCredentialNotice } from './going-live/administration.ts';
import { acceptAsNewCase, fillSheet, openFromInbox, sendSheet } from './going-live/intake.ts';
import { addNote, affirmDuty, inviteGuest, meetingCard, scheduleSupportMeeting, settledItemTexts, tomorrowInJapanAt } from './going-live/meeting.ts';

const ADMIN_PASSWORD = 'みどり市の管理者です2026';
const SHAKYO = 'みどり市社会福祉協議会';
const HOUKATSU = 'みどり地域包括支援センター';
const ADDRESS = 'みどり市本町4丁目5番6号';
const REASON = '長男のひきこもりが長期化し、母の介護負担が限界に近い';
const TAX_NOTE = '住民税を3年分滞納している (税務課からの情報)';
const check = screenChecker('going-live');

describe('going live: from the first administrator to the 重層的支援会議 (Chromium, KASANE_SEED_DEMO=0)', { timeout: 120_000 }, () => {
  let server: TestServer, browser: Browser;
  let admin: Page, yamamoto: Page, kobayashi: Page, guest: Page;
  let yamamotoApp: TestAuthenticator;
  const credentials: Record<string, string> = {};
  let caseId = '', otherCaseId = '', meetingId = '', laterMeetingId = '', inviteLink = '';

  beforeAll(async () => {
    requireBuiltClient();
    // Configured as an installation is: from the environment.
    const { seedDemo } = configFromEnv({ KASANE_SEED_DEMO: '0' });
    server = await startTestServer({ seedDemo, clientDir: BUILT_CLIENT_DIR });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('the first administrator is made with npm run admin:create and sets the municipality up', async () => {
    const created = await adminCreate(server.dataDir, { login: 'kanri', name: '福祉 太郎', password: ADMIN_PASSWORD, org: 'みどり市 福祉政策課', municipality: 'みどり市' });
    expect(created.stdout).toContain('管理者 福祉 太郎 (kanri) を登録しました');

    admin = await newComputer(browser);
    await submitPassword(admin, server.url, 'kanri', ADMIN_PASSWORD);
    await admin.getByTestId('current-user').waitFor(WAIT);
    // Not the demo: no banner anywhere, and no case yet.
    expect(await admin.getByTestId('demo-banner').count()).toBe(0);
    expect(await admin.locator('main').innerText()).toContain('担当しているケースはありません');
    await check(admin, 'admin-first-sign-in');

    // The administrator sets up their own second factor first (administration asks for it).
    await nav(admin, 'アカウント');
    await admin.getByRole('button', { name: '二要素認証を設定する' }).click();
    await enrolAuthenticator(admin);
    await keepRecoveryCodes(admin);
    await admin.getByTestId('two-factor-status').filter({ hasText: '設定済み' }).waitFor(WAIT);

    await nav(admin, '管理');
    await admin.locator('input[name=municipalityName]').waitFor(WAIT);
    expect(await admin.locator('input[name=municipalityName]').inputValue()).toBe('みどり市');
    await admin.locator('input[name=requireTwoFactor]').check();
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByRole('status').filter({ hasText: '保存しました' }).waitFor(WAIT);
    await check(admin, 'admin-settings');

    await admin.getByRole('link', { name: '組織' }).click();
    await addOrganisation(admin, SHAKYO, 'coordination', true);
    await addOrganisation(admin, HOUKATSU, 'elderly', false);
    await expect.poll(() => admin.getByTestId('org-row').filter({ hasText: '多機関協働事業者' }).count(), WAIT).toBe(1);
    expect(await admin.getByTestId('org-row').filter({ hasText: HOUKATSU }).textContent()).toContain('高齢');
    await check(admin, 'admin-organisations');

    await admin.getByRole('link', { name: '利用者' }).click();
    credentials.yamamoto = await addUser(admin, { username: 'yamamoto', name: '山本 進', org: SHAKYO, role: 'facilitator', credential: 'one_time_password' });
    await closeCredentialNotice(admin);
    credentials.kobayashi = await addUser(admin, { username: 'kobayashi', name: '小林 葵', org: HOUKATSU, role: 'member', credential: 'invitation' });
    await check(admin, 'admin-user-invitation');
    await closeCredentialNotice(admin);
    credentials.nakamura = await addUser(admin, { username: 'nakamura', name: '中村 陸', org: HOUKATSU, role: 'member', credential: 'one_time_password' });
    await closeCredentialNotice(admin);
    await expect.poll(() => admin.getByTestId('user-row').count(), WAIT).toBe(4);
    expect(await admin.getByTestId('user-row').filter({ hasText: '山本 進' }).textContent()).toContain('進行役');
    await check(admin, 'admin-users');

    await admin.getByRole('link', { name: '会議の種類' }).click();
    await admin.getByTestId('add-kind').waitFor(WAIT);
    await check(admin, 'admin-meeting-kinds');
  });

  it('the coordinator enrols TOTP at the first sign-in, replaces the one-time password and signs in again with a code', async () => {
    yamamoto = await newComputer(browser);
    await submitPassword(yamamoto, server.url, 'yamamoto', credentials.yamamoto!);
    // Two-factor is required: enrolment comes before any session.
    await yamamoto.getByTestId('login-step-enrol').waitFor(WAIT);
    await yamamoto.locator('img.qr').waitFor(WAIT);
    await check(yamamoto, 'coordinator-enrolment');
    yamamotoApp = await enrolAuthenticator(yamamoto);
    expect(await yamamoto.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await check(yamamoto, 'coordinator-recovery-codes');
    await keepRecoveryCodes(yamamoto);
    // Signed in with a one-time password: a new one first, and not a common one.
    await yamamoto.getByTestId('password-form').waitFor(WAIT);
    await check(yamamoto, 'coordinator-must-change-password');
    await replacePassword(yamamoto, credentials.yamamoto!, 'password123');
    await yamamoto.getByRole('alert').filter({ hasText: 'よく使われる' }).waitFor(WAIT);
    await replacePassword(yamamoto, credentials.yamamoto!, '山本の新しい合言葉です');
    await yamamoto.getByTestId('current-user').filter({ hasText: '山本 進' }).waitFor(WAIT);
    await yamamoto.getByRole('button', { name: 'ログアウト' }).click();

    // Again: the password, a wrong code (refused), then the code from the app.
    await submitPassword(yamamoto, server.url, 'yamamoto', '山本の新しい合言葉です');
    await yamamoto.getByTestId('login-step-totp').waitFor(WAIT);
    await check(yamamoto, 'coordinator-code-step');
    await yamamoto.locator('input[name=code]').fill(yamamotoApp.wrongCode());
    await yamamoto.getByRole('button', { name: '確認' }).click();
    await yamamoto.getByRole('alert').filter({ hasText: '違います' }).waitFor(WAIT);
    await yamamoto.locator('input[name=code]').fill(await yamamotoApp.nextCode());
    await yamamoto.getByRole('button', { name: '確認' }).click();
    await yamamoto.getByTestId('current-user').waitFor(WAIT);
    await nav(yamamoto, 'アカウント');
    await yamamoto.getByTestId('two-factor-status').filter({ hasText: '設定済み' }).waitFor(WAIT);
    await check(yamamoto, 'coordinator-account');
  });

  it('an agency worker takes the invitation link once, enrols, and sends two つなぐシート without consent', async () => {
    kobayashi = await newComputer(browser);
    await kobayashi.goto(credentials.kobayashi!);
    await kobayashi.getByText('小林 葵').waitFor(WAIT);
    await check(kobayashi, 'worker-invitation');
    await kobayashi.locator('input[name=newPassword]').fill('小林のパスワードです');
    await kobayashi.locator('input[name=newPasswordAgain]').fill('小林のパスワードです');
    await kobayashi.getByRole('button', { name: '保存' }).click();
    await kobayashi.getByRole('status').filter({ hasText: '設定しました' }).waitFor(WAIT);
    await kobayashi.goto(credentials.kobayashi!);
    await kobayashi.getByRole('alert').filter({ hasText: '無効か期限切れ' }).waitFor(WAIT);
    await submitPassword(kobayashi, server.url, 'kobayashi', '小林のパスワードです');
    await kobayashi.getByTestId('login-step-enrol').waitFor(WAIT);
    await enrolAuthenticator(kobayashi);
    await keepRecoveryCodes(kobayashi);
    await kobayashi.getByTestId('current-user').filter({ hasText: '小林 葵' }).waitFor(WAIT);

    await fillSheet(kobayashi, {
      name: '髙橋 和子',
      kana: 'たかはし かずこ',
      birthDate: '1950-04-02',
      address: ADDRESS,
      troubles: [{ label: '介護' }, { label: 'DV・虐待', detail: '長男からの暴言があると近所から相談' }],
      household: [
        { name: '髙橋 浩', relation: 'child', label: '長男', birthDate: '1975-06-01' },
        { name: '髙橋 正', relation: 'spouse_separated', label: '夫', birthDate: '1946-01-15' },
      ],
      reason: REASON,
    });
    await check(kobayashi, 'worker-sheet');
    await sendSheet(kobayashi);
    await fillSheet(kobayashi, { name: '佐々木 一郎', kana: 'ささき いちろう', birthDate: '1958-09-10', troubles: [{ label: '収入・仕事' }], household: [], reason: '失職後に家賃を滞納し、住まいを失うおそれがある' });
    await sendSheet(kobayashi);
    await expect.poll(() => kobayashi.locator('table').innerText(), WAIT).toMatch(/髙橋 和子[\s\S]*受付待ち/);
    await check(kobayashi, 'worker-sent-sheets');
  });

  it('the coordinator sees the basic information only and accepts the sheets into new cases, the first with three persons', async () => {
    await openFromInbox(yamamoto, '髙橋 和子');
    const review = await yamamoto.locator('main').innerText();
    expect(review).toContain('髙橋 正');
    expect(review).toContain('既存のケースに同じ世帯は見つかりませんでした');
    // Coordinator rights give no visibility: the sheet's contents are not in the inbox.
    expect(review).not.toContain(REASON);
    expect(review).not.toContain('本町');
    await check(yamamoto, 'coordinator-review');
    caseId = await acceptAsNewCase(yamamoto, '髙橋さん世帯');
    expect(await yamamoto.locator('ul.persons li').count()).toBe(3);
    expect(await yamamoto.locator('main').innerText()).toContain('支援会議 (本人同意なし)');
    await check(yamamoto, 'coordinator-new-case');

    await yamamoto.getByRole('link', { name: 'ケースの管理' }).click();
    await yamamoto.getByRole('heading', { level: 1, name: /ケースの管理/ }).waitFor(WAIT);
    // The separated husband came over from the sheet as a separated partnership (the genogram's one slash).
    expect(await yamamoto.getByRole('combobox', { name: '髙橋 和子 ― 髙橋 正' }).inputValue()).toBe('separated');
    await check(yamamoto, 'coordinator-case-admin');

    await openFromInbox(yamamoto, '佐々木 一郎');
    otherCaseId = await acceptAsNewCase(yamamoto, '佐々木さん世帯');
    await kobayashi.reload();
    await expect.poll(() => kobayashi.locator('table').innerText(), WAIT).not.toContain('受付待ち');
    expect(await kobayashi.locator('table').innerText()).toMatch(/髙橋 和子[\s\S]*受付済み/);
  });

  it('the coordinator schedules two 支援会議 on the screen and invites a doctor to the first by link', async () => {
    await yamamoto.goto(`${server.url}/cases/${caseId}`);
    meetingId = await scheduleSupportMeeting(yamamoto, caseId, '第1回 支援会議', tomorrowInJapanAt('14:00'), () => check(yamamoto, 'coordinator-schedule'));
    laterMeetingId = await scheduleSupportMeeting(yamamoto, caseId, '第2回 支援会議', tomorrowInJapanAt('10:00', 14));
    expect(await meetingCard(yamamoto, '第1回 支援会議').innerText()).toMatch(/支援会議 · 令和\d+年\d+月\d+日\(.\) 14:00 · 予定/);
    await check(yamamoto, 'coordinator-case-meetings');

    await meetingCard(yamamoto, '第1回 支援会議').getByRole('link', { name: '招待' }).click();
    inviteLink = await inviteGuest(yamamoto, '森 晴美', 'みどり診療所');
    expect(inviteLink).toContain('/join/');
    await expect.poll(() => yamamoto.locator('table tbody').innerText(), WAIT).toContain('未使用');
    await check(yamamoto, 'coordinator-invitations');
  });

  it('the coordinator starts the meeting, affirms the duty and puts a tax note on the board', async () => {
    await yamamoto.goto(`${server.url}/meetings/${meetingId}`);
    await yamamoto.getByRole('button', { name: '会議を開始' }).click();
    await affirmDuty(yamamoto);
    await yamamoto.getByRole('tab', { name: '項目一覧' }).click();
    await addNote(yamamoto, /^髙橋 和子/, '税情報', TAX_NOTE);
    // He sees the sheet, the whereabouts restricted to the referring and coordinating agencies,
    // and the tax note his agency supplied.
    await expect.poll(() => settledItemTexts(yamamoto), WAIT).toContain(TAX_NOTE);
    const seen = await settledItemTexts(yamamoto);
    for (const text of [REASON, ADDRESS]) expect(seen).toContain(text);
    await check(yamamoto, 'coordinator-board');
  });

  it('the doctor joins by the link once and sees that meeting’s board only, without the tax note or the whereabouts', async () => {
    guest = await newComputer(browser);
    await guest.goto(inviteLink);
    await guest.getByRole('heading', { name: '会議へのご招待' }).waitFor(WAIT);
    expect(await guest.locator('main').innerText()).toContain('第1回 支援会議');
    await check(guest, 'guest-invitation');
    await guest.getByLabel('パスワードを設定 (10文字以上)').fill('森医師の長いパスワード');
    await guest.getByRole('button', { name: '参加する' }).click();
    // The municipality requires two-factor sign-in: a password invitee enrols first, on the same
    // screen as every user (no session before that; tests/integration/invitation-two-factor.test.ts).
    await guest.getByTestId('login-step-enrol').waitFor(WAIT);
    await check(guest, 'guest-enrolment');
    await enrolAuthenticator(guest);
    await keepRecoveryCodes(guest);
    await guest.getByRole('link', { name: '会議を開く' }).waitFor(WAIT);
    await check(guest, 'guest-registered');
    await guest.getByRole('link', { name: '会議を開く' }).click();
    await guest.getByTestId('affirmation-banner').waitFor(WAIT);
    // From here on, neither text may enter the guest's page, not even for a moment.
    await watchForLeaks(guest, [TAX_NOTE, ADDRESS, '本町']);
    await check(guest, 'guest-affirmation');
    await affirmDuty(guest);
    await guest.getByRole('tab', { name: '項目一覧' }).click();
    // The positive marker: the running 支援会議 shows the affirmed guest the sheet's reason.
    await expect.poll(() => settledItemTexts(guest), WAIT).toContain(REASON);
    await check(guest, 'guest-board');
    expect(await leaked(guest)).toEqual([]);
    // Invited for one meeting, the doctor has no agency's work here: no つなぐシート, no searching.
    const guestNav = await guest.getByRole('navigation', { name: 'main' }).innerText();
    expect(guestNav).toContain('ケース一覧');
    expect(guestNav).not.toMatch(/つなぐシート|ケース検索|記録の検索/);

    // Another meeting of the same case, another case, and ids that never existed look the same.
    const screenAt = async (path: string) => {
      await guest.goto(`${server.url}${path}`);
      await guest.getByRole('alert').waitFor(WAIT);
      return guest.locator('main').innerText();
    };
    const noSuchMeeting = await screenAt('/meetings/meeting-that-never-existed');
    expect(noSuchMeeting).toContain('見つかりません');
    expect(await screenAt(`/meetings/${laterMeetingId}`)).toBe(noSuchMeeting);
    await check(guest, 'guest-other-meeting');
    const noSuchCase = await screenAt('/cases/case-that-never-existed');
    expect(noSuchCase).toContain('見つかりません');
    expect(await screenAt(`/cases/${otherCaseId}`)).toBe(noSuchCase);
    // The case list has the doctor's meeting's case only, and its page does not name the later meeting.
    await guest.goto(server.url);
    await guest.getByRole('heading', { name: 'ケース一覧' }).waitFor(WAIT);
    await guest.getByRole('link', { name: /髙橋さん世帯/ }).waitFor(WAIT);
    expect(await guest.locator('main').innerText()).not.toContain('佐々木');
    await guest.goto(`${server.url}/cases/${caseId}`);
    await meetingCard(guest, '第1回 支援会議').waitFor(WAIT);
    expect(await guest.locator('main').innerText()).not.toContain('第2回');
    await check(guest, 'guest-case');

    // The link worked once.
    const again = await guest.context().newPage();
    await again.goto(inviteLink);
    await again.getByRole('alert').filter({ hasText: 'この招待リンクは無効です' }).waitFor(WAIT);
    await yamamoto.goto(`${server.url}/meetings/${meetingId}/invitations`);
    await expect.poll(() => yamamoto.locator('table tbody').innerText(), WAIT).toContain('参加登録済み');
  });

  it('consent is recorded on the consent screen and 支援決定 moves the case to the 重層的支援会議', async () => {
    await yamamoto.goto(`${server.url}/cases/${caseId}`);
    await yamamoto.getByRole('link', { name: '同意の管理' }).click();
    const card = yamamoto.locator('article.consent-card').filter({ has: yamamoto.getByRole('heading', { name: /^髙橋 和子/ }) });
    await card.getByRole('button', { name: '同意を記録する' }).click();
    await card.getByRole('radio', { name: '書面' }).check();
    for (const category of ['基本情報', '生活状況']) await card.getByRole('checkbox', { name: `${category} をすべての共有先に` }).check();
    expect(await card.getByRole('checkbox', { name: `税情報 × ${HOUKATSU}`, exact: true }).isChecked()).toBe(false);
    await check(yamamoto, 'coordinator-consent-form');
    await card.getByRole('button', { name: '記録する', exact: true }).click();
    await card.locator('.consent-now').filter({ hasText: '同意' }).waitFor(WAIT);
    await check(yamamoto, 'coordinator-consent-recorded');

    await yamamoto.goto(`${server.url}/cases/${caseId}`);
    await yamamoto.getByRole('link', { name: 'ケースの管理' }).click();
    const decision = yamamoto.getByRole('form', { name: '支援決定' });
    await decision.getByLabel('決裁者').fill('福祉政策課長');
    await decision.getByRole('button', { name: '支援決定を記録' }).click();
    await expect.poll(() => yamamoto.getByTestId('legal-basis').innerText(), WAIT).toBe('重層的支援会議 (本人同意あり)');
    await check(yamamoto, 'coordinator-support-decision');
    await yamamoto.goto(`${server.url}/cases/${caseId}/consent`);
    await yamamoto.getByText('法的根拠の変更履歴').click();
    await yamamoto.getByText(/支援決定 \(令和/).waitFor(WAIT);
    await check(yamamoto, 'coordinator-legal-basis-history');
    // The next meeting the coordinator schedules is a 重層的支援会議 by default.
    await yamamoto.goto(`${server.url}/cases/${caseId}/meetings/new`);
    expect(await yamamoto.getByLabel('会議の種類').locator('option:checked').innerText()).toMatch(/^重層的支援会議/);
  });

  it('the administrator reviews it all in the audit log, by name and Japanese label', async () => {
    await nav(admin, '監査ログ');
    const added = admin.locator('[data-action="admin.user_added"]').first();
    await added.waitFor(WAIT);
    const row = await added.textContent();
    expect(row).toContain('利用者の追加');
    expect(row).toContain('福祉 太郎');
    // The administrator manages no case, yet reads every case, person, meeting and invitation by
    // name (the server resolves them for the page): any internal id on the screen fails the check.
    expect(await admin.locator('table.audit-table').innerText()).toContain('髙橋さん世帯');
    await check(admin, 'admin-audit');
    // The case by its title, the action by its label: the invitation names the meeting and the guest.
    await admin.getByLabel('ケース名で探す').fill('髙橋');
    await admin.locator('select[name=caseId]').selectOption({ label: '髙橋さん世帯' });
    await admin.locator('select[name=action]').selectOption({ label: '招待の作成' });
    await admin.getByRole('button', { name: '検索' }).click();
    const invited = admin.locator('[data-action="invitation.created"]');
    await expect.poll(() => admin.locator('table.audit-table tbody tr').count(), WAIT).toBe(1);
    expect(await invited.innerText()).toMatch(/第1回 支援会議（支援会議・令和\d+年\d+月\d+日[\s\S]*招待（森 晴美）/);
    await check(admin, 'admin-audit-invitation');
    await admin.locator('select[name=action]').selectOption({ label: '同意の変更' });
    await admin.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => admin.locator('[data-action="consent.changed"]').first().innerText(), WAIT).toContain('対象者: 髙橋 和子');
  });
});
