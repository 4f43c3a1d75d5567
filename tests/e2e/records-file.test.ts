/**
 * A プラン策定 meeting held end to end and filed (issue 11), in real Chromium against a real server
 * with the built client (run `npx vite build` first). tanaka starts the meeting from the board,
 * sets 開催方法, 開催場所 and the 記録者 there, ticks the agenda, records and confirms a decision,
 * writes the minutes; the plan, roles and ecomap are written by real Yjs clients; tanaka ends the
 * meeting from the board. The DOCX goes through LibreOffice to PDF and the print layout through
 * Chromium's PDF; both texts are checked for every section and for the absence of ids and ISO
 * timestamps, and their pages are rendered to PNG for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { ARTIFACTS_DIR, screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';
import { api, login } from '../helpers/http.ts';
import { yClient } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';
import { notesOf } from '../../shared/board/items.ts';
import { board } from '../../shared/board/schema.ts';
import { untilServerHas } from '../records/helpers.ts';
import { leakedCodes } from '../records/leaks.ts';

const FIRST = 'meeting-yamada-1';
const haruBasic = docOf('p-haru', 'basic', 'org-shakyo');
const DECISION = '中央地域包括支援センターが週1回の見守り訪問を行う';
const MINUTES = '本人は長男との自宅での生活継続を希望している。';
const GOAL = '長男と一緒に、この家で暮らし続けたい';
const POLICY = '服薬と家計を見守り、長男の孤立を防ぐ';
const ITEM = '服薬カレンダーの導入';
const ROLE = '介護保険の申請支援';
const NOTE = '近所の方が毎朝声をかけている。';

/** The sections both renderings must carry, in words. */
const SECTIONS = ['会議録', '会議の種類', '根拠', '開催日時', '閉会日時', '開催方法', '開催場所', '記録者', '出席者', '欠席者', '議題', '協議内容', '支援プラン', '本人の目標', '支援方針', 'プランの段階', '次回モニタリング', 'プランの内容', '役割分担', '決定事項', 'エコマップ', '共有された情報'];
/** And the values that fill them. */
const VALUES = [
  'かさね市 重層的支援体制整備事業',
  '様式第3号',
  '重層的支援会議（プラン策定時）',
  '社会福祉法第106条の4',
  '併用（対面・オンライン）',
  '市役所 第2会議室',
  '佐藤 健一（中央地域包括支援センター）',
  '田中 美咲',
  '鈴木 由美',
  MINUTES,
  GOAL,
  POLICY,
  ITEM,
  ROLE,
  DECISION,
  '確定',
  '山田 ハル',
  NOTE,
  '出力者: 田中 美咲',
];

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
const control = (page: Page) => page.getByTestId('meeting-control');
/** PDF text without wrapping artefacts: spaces and the line breaks inside table cells removed. */
const flat = (text: string) => text.replace(/[\s\u3000]+/g, '');

function pdfText(path: string): { pages: string[]; all: string } {
  const all = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
  return { pages: all.split('\f').filter((p) => p.trim() !== ''), all };
}

function pngPages(pdf: string, base: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(ARTIFACTS_DIR, base)]);
}

/** Every page carries the exporter, the time of export (和暦) and its number. */
function expectEveryPageFooted(pages: string[]): void {
  expect(pages.length).toBeGreaterThan(1);
  pages.forEach((page, i) => {
    expect(flat(page)).toContain('出力者:田中美咲');
    expect(flat(page)).toMatch(/出力日時:令和\d+年\d+月\d+日\(.\)\d\d:\d\d/);
    expect(flat(page)).toContain(`${i + 1}/${pages.length}`);
  });
}

function expectFiled(all: string): void {
  const text = flat(all);
  for (const s of [...SECTIONS, ...VALUES]) expect(text, s).toContain(flat(s));
  expect(text).toMatch(/開催日時令和\d+年\d+月\d+日/);
  expect(leakedCodes(all)).toEqual([]);
}

describe('a プラン策定 meeting held on the board and filed as the municipality’s record', () => {
  let server: TestServer, tanaka: Page, sato: Page, admin: Page;
  useBrowserSession(['tanaka', 'sato', 'admin'], (s) => ({ server, pages: { tanaka, sato, admin } } = s));

  it('the administrator sets the municipality’s heading and 様式 number for its records', async () => {
    await admin.goto(`${server.url}/indicators`);
    await admin.getByRole('link', { name: '会議録の見出しと様式番号' }).click();
    await admin.getByLabel('見出し (市町村名・事業名など)').fill('かさね市 重層的支援体制整備事業');
    await admin.getByLabel('様式番号 (任意)').fill('様式第3号');
    await admin.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => admin.getByRole('status').innerText(), WAIT).toBe('保存しました');
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'records-file-settings');
    // Nobody else may: the API refuses a facilitator.
    const refused = await api(server.url, await login(server.url, 'tanaka'), 'PUT', '/api/records/settings', { heading: 'x', formNumber: '' });
    expect(refused.status).toBe(403);
  });

  it('tanaka starts the meeting from the board and chooses how it is held and who records it', async () => {
    await openBoard(tanaka, server.url, FIRST, 'agenda', '[data-testid=meeting-control]');
    expect(await control(tanaka).innerText()).toContain('会議の進行と記録');
    await control(tanaka).getByRole('button', { name: '会議を開始' }).click();
    await control(tanaka).getByRole('button', { name: '会議を終了' }).waitFor(WAIT);
    await control(tanaka).getByLabel('開催方法').selectOption({ label: '併用 (対面・オンライン)' });
    await control(tanaka).getByLabel('開催場所').fill('市役所 第2会議室');
    await control(tanaka).getByLabel('記録者').selectOption({ label: '佐藤 健一 (中央地域包括支援センター)' });
    await control(tanaka).getByRole('button', { name: '記録事項を保存' }).click();
    await expect.poll(() => control(tanaka).getByRole('status').innerText(), WAIT).toBe('保存しました');
    // A member has no such control.
    await openBoard(sato, server.url, FIRST, 'agenda', '[data-testid=agenda-list]');
    expect(await control(sato).count()).toBe(0);
    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'records-file-board-control');
  });

  it('the meeting is held: agenda, decision confirmed, minutes, plan, roles, ecomap', async () => {
    const items = tanaka.getByTestId('agenda-item');
    await expect.poll(() => items.count(), WAIT).toBe(6);
    for (const text of ['本人の目標（アセスメント結果）の確認', '支援方針の検討']) await items.filter({ hasText: text }).getByRole('checkbox').check();

    const form = tanaka.getByTestId('decision-form');
    await form.getByLabel('決定事項', { exact: true }).fill(DECISION);
    await form.getByLabel('担当機関').selectOption({ label: '中央地域包括支援センター' });
    await form.getByLabel('期限').fill(inDays(14));
    await form.getByRole('button', { name: '記録する' }).click();
    const row = tanaka.getByTestId('decision').filter({ hasText: DECISION });
    await row.getByRole('button', { name: /^確定/ }).click();
    await expect.poll(() => row.getAttribute('data-confirmation'), WAIT).toBe('confirmed');

    await tanaka.getByRole('tab', { name: '議事録' }).click();
    const editor = tanaka.locator('[data-testid=editor-minutes] [contenteditable=true]');
    await editor.click();
    await tanaka.keyboard.type(MINUTES, { delay: 5 });

    // The plan, role and ecomap through real Yjs clients in the meeting's context.
    const cookie = await login(server.url, 'tanaka');
    const plan = yClient(server.url, haruBasic, cookie, `meeting:${FIRST}`);
    await plan.synced();
    for (const [k, v] of Object.entries({ goal: GOAL, policy: POLICY, stage: 'creation', monitoringDate: inDays(60) })) board.plan(plan.doc).set(k, v);
    board.planItems(plan.doc).set('pi1', { id: 'pi1', what: ITEM, who: 'ひだまりクリニック', byWhen: inDays(30), category: 'health', status: 'open' });
    board.roles(plan.doc).set('r1', { id: 'r1', orgId: 'org-houkatsu', personInCharge: '佐藤', role: ROLE, personId: 'p-haru', from: inDays(1), until: null, status: 'active' });
    board.ecoNodes(plan.doc).set('n3', { id: 'n3', kind: 'agency', personId: null, orgId: 'org-houkatsu', label: '中央地域包括支援センター', field: 'elderly', x: 0, y: -260 });
    board.ecoNodes(plan.doc).set('n4', { id: 'n4', kind: 'informal', personId: null, orgId: null, label: '近所の方', field: null, x: -300, y: 200 });
    board.ecoEdges(plan.doc).set('e1', { id: 'e1', from: 'n3', to: 'person:p-haru', strength: 'strong', direction: 'forward', label: '訪問' });
    board.ecoEdges(plan.doc).set('e2', { id: 'e2', from: 'person:p-haru', to: 'person:p-kenji', strength: 'stressful', direction: 'none', label: '' });
    board.ecoEdges(plan.doc).set('e3', { id: 'e3', from: 'n4', to: 'person:p-haru', strength: 'tenuous', direction: 'forward', label: '声かけ' });
    notesOf(plan.doc).set('note1', { id: 'note1', text: NOTE, authorId: 'u-tanaka', authorName: '田中 美咲', authorOrgName: '社会福祉協議会', createdAt: new Date().toISOString() });
    await untilServerHas(server, haruBasic, (d) => board.ecoEdges(d).has('e3') && board.roles(d).has('r1'));
    await untilServerHas(server, haruBasic, (d) => notesOf(d).has('note1'));
    await untilServerHas(server, `meeting/${FIRST}`, (d) => board.minutes(d).toString().includes(MINUTES.slice(-8)));
    plan.destroy();
  });

  it('tanaka ends the meeting from the board; the board gives way to the record', async () => {
    await control(tanaka).getByRole('button', { name: '会議を終了' }).click();
    await tanaka.getByRole('dialog', { name: '会議を終了しますか' }).getByRole('button', { name: '会議を終了' }).click();
    // A closed meeting shows its frozen record: the board either offers it or goes there itself.
    const onRecord = () => new URL(tanaka.url()).pathname === `/meetings/${FIRST}/record`;
    await expect.poll(async () => onRecord() || (await control(tanaka).getByRole('link', { name: '会議録を開く' }).count()) > 0, WAIT).toBe(true);
    if (!onRecord()) {
      expect(await control(tanaka).getByLabel('記録者').isDisabled()).toBe(true);
      await control(tanaka).getByRole('link', { name: '会議録を開く' }).click();
    }
    await tanaka.getByTestId('record-view-note').waitFor(WAIT);
    // The record was frozen at the close, with what was typed just before it.
    expect(await tanaka.getByTestId('record-minutes').innerText()).toContain(MINUTES);
  });

  it('the DOCX, converted to PDF by LibreOffice, carries every section and no internal code', async () => {
    const res = await tanaka.request.get(`${server.url}/api/meetings/${FIRST}/minutes.docx`);
    expect(res.status()).toBe(200);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const docx = join(ARTIFACTS_DIR, 'records-file-minutes.docx');
    writeFileSync(docx, await res.body());
    // A fresh LibreOffice profile per run: a stale or shared one makes soffice hang or do nothing.
    const profile = mkdtempSync(join(tmpdir(), 'kasane-lo-'));
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', ARTIFACTS_DIR, docx], { stdio: 'pipe', timeout: 120_000 });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    const pdf = join(ARTIFACTS_DIR, 'records-file-minutes.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, all } = pdfText(pdf);
    expectFiled(all);
    expectEveryPageFooted(pages);
    // The ecomap is in the PDF as an image (pdfimages lists it), with its legend as text.
    expect(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').length).toBeGreaterThan(3);
    expect(flat(all)).toContain(flat('近所の方'));
    pngPages(pdf, 'records-file-docx');
  });

  it('the print layout, through Chromium’s PDF, says the same', async () => {
    await tanaka.goto(`${server.url}/meetings/${FIRST}/record/print`);
    await tanaka.locator('[data-testid=print-sheet][data-ready=true]').waitFor(WAIT);
    await tanaka.evaluate(() => document.fonts.ready);
    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'records-file-print-screen');
    const pdf = join(ARTIFACTS_DIR, 'records-file-print.pdf');
    writeFileSync(pdf, await tanaka.pdf({ format: 'A4', printBackground: true }));
    const { pages, all } = pdfText(pdf);
    expectFiled(all);
    expectEveryPageFooted(pages);
    // The ecomap as drawn shapes with names.
    expect(await tanaka.locator('.print-ecomap svg circle').count()).toBeGreaterThan(2);
    pngPages(pdf, 'records-file-print');
  });

  it('approved, the record tells each reader whose reading it is', async () => {
    await tanaka.goto(`${server.url}/meetings/${FIRST}/record`);
    await tanaka.getByRole('button', { name: '会議録を確定する' }).click();
    await tanaka.getByRole('dialog', { name: '会議録を確定しますか' }).getByRole('button', { name: '会議録を確定する' }).click();
    await tanaka.getByTestId('approved-badge').waitFor(WAIT);
    await tanaka.reload();
    await expect.poll(() => tanaka.getByTestId('record-view-note').getAttribute('data-view'), WAIT).toBe('keeper');
    expect(await tanaka.getByTestId('record-view-note').innerText()).toContain('記録保管者用の会議録です');
    await sato.goto(`${server.url}/meetings/${FIRST}/record`);
    await expect.poll(() => sato.getByTestId('record-view-note').getAttribute('data-view'), WAIT).toBe('filtered');
    expect(await sato.getByTestId('record-view-note').innerText()).toMatch(/閲覧者の現在の閲覧範囲[\s\S]*記録保管者 田中 美咲/);
    expect(await seriousViolations(sato)).toEqual([]);
    await screenshot(sato, 'records-file-record-filtered');
  });

  it('every view and export was audited with the reader', async () => {
    const rows = await server.deps.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'detail_json']).where('action', '=', 'record.exported').execute();
    const formats = rows.filter((r) => r.actor_user_id === 'u-tanaka').map((r) => JSON.parse(r.detail_json).format);
    expect(formats).toEqual(expect.arrayContaining(['docx', 'print']));
    const views = await server.deps.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'record.viewed').execute();
    expect(views.map((v) => v.actor_user_id)).toEqual(expect.arrayContaining(['u-tanaka', 'u-sato']));
  });
});
