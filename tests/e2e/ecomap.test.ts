/**
 * The ecomap (エコマップ) drawn live by three agencies of the Yamada 重層的支援会議, in real Chromium
 * against a real server with the built client (run `npx vite build` first). Resources are labelled
 * items: each participant receives only the nodes (and relationships) whose compartment ハルさん's
 * consent opens to their agency. tanaka (社協, facilitator) draws 包括 and the 民生委員; sato (包括)
 * adds the clinic under 医療・健康, which takahashi (自立相談支援: no health consent) never receives;
 * takahashi adds a creditor under 収入・債務, which sato never receives. Moves travel live, undo
 * reverts only one's own steps, exports keep the Japanese text. The steps share signed-in pages
 * and run in order; a failed step fails the ones after.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { ARTIFACTS_DIR, screenshot } from '../helpers/browser.ts';
import { openBoard, useBrowserSession } from '../helpers/board-session.ts';
import {
  WAIT, addResource, connect, edgeRows, edgeTexts, leaked, nodeLabels, nodeRow, position, seriousViolations, toolbar, watchEcomapForLeaks,
} from './ecomap-helpers.ts';

const HOUKATSU = '中央地域包括支援センター';
const MINSEI = '民生委員 山本さん';
const CLINIC = 'ひだまりクリニック';
const CLINIC_NOTE = '月1回受診';
const CREDITOR = '電力・ガス会社';
const HARU = '山田 ハル';

describe('ecomap drawn together by three agencies', () => {
  let server: TestServer, tanaka: Page, sato: Page, takahashi: Page;
  let minseiBeforeDrag = { x: 0, y: 0 };
  useBrowserSession(['tanaka', 'sato', 'takahashi'], (s) => ({ server, pages: { tanaka, sato, takahashi } } = s));

  it('opens on the household drawn as a genogram inside its boundary', async () => {
    await Promise.all([tanaka, sato, takahashi].map((page) => openBoard(page, server.url, 'meeting-yamada-1', 'ecomap', '[data-testid=ecomap][data-pending=false]')));
    for (const page of [tanaka, sato, takahashi]) {
      await expect.poll(() => page.locator('.react-flow__node-person').count(), WAIT).toBe(4);
      expect(await page.locator('.react-flow__node-household').count()).toBe(1);
      expect(await page.getByTestId('eco-person-row').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('山田 ハル (本人・82歳・女性)'), expect.stringContaining('山田 茂 (夫 (故人)・84歳・男性・故人)')]),
      );
    }
    // Genogram symbols: ハル a double circle (subject), 茂 a crossed square (deceased).
    const haru = tanaka.locator('.react-flow__node[data-id="person:p-haru"]');
    expect(await haru.locator('circle').count()).toBe(2);
    const shigeru = tanaka.locator('.react-flow__node[data-id="person:p-shigeru"]');
    expect(await shigeru.locator('rect').count()).toBe(1);
    expect(await shigeru.locator('line').count()).toBe(2);
    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'ecomap-empty-tanaka');
  });

  it('tanaka draws 包括 (strong, support towards ハル) and the 民生委員 (tenuous); sato and takahashi see them live', async () => {
    await addResource(tanaka, { kind: 'agency', orgId: 'org-houkatsu', category: 'living' });
    await connect(tanaka, HOUKATSU, HARU, 'strong', 'forward', '週1回訪問');
    await addResource(tanaka, { kind: 'informal', name: MINSEI, category: 'living' });
    await connect(tanaka, MINSEI, HARU, 'tenuous', 'none', '見守り');

    for (const page of [tanaka, sato, takahashi]) {
      await expect.poll(() => nodeLabels(page), WAIT).toEqual(expect.arrayContaining([HOUKATSU, MINSEI]));
      await expect.poll(() => edgeRows(page).count(), WAIT).toBe(2);
      await expect.poll(() => page.locator('.react-flow__edge').count(), WAIT).toBe(2);
    }
    // Stored under ハルさん's 生活状況, supplied by 社協; the arrow points at ハル.
    expect(await nodeRow(sato, HOUKATSU).getAttribute('data-doc')).toBe('case/case-yamada/p/p-haru/living/o/org-shakyo');
    const strong = edgeRows(sato).filter({ hasText: HOUKATSU });
    expect(await strong.getAttribute('data-strength')).toBe('strong');
    expect(await strong.innerText()).toContain(`${HOUKATSU} → ${HARU}`);
    expect(await edgeRows(sato).filter({ hasText: MINSEI }).getAttribute('data-strength')).toBe('tenuous');
    // On the canvas: a thick solid line with one arrow head; a thin dashed one without.
    const strongEdge = sato.locator('.eco-edge[data-strength=strong]');
    expect(await strongEdge.locator('polygon').count()).toBe(1);
    expect(Number(await strongEdge.locator('line').first().getAttribute('stroke-width'))).toBeGreaterThan(4);
    expect(await sato.locator('.eco-edge[data-strength=tenuous] line').first().getAttribute('stroke-dasharray')).toBeTruthy();
  });

  it('sato adds the clinic under 医療・健康: tanaka sees it, takahashi never receives the node nor its relationship', async () => {
    await watchEcomapForLeaks(takahashi, [CLINIC, CLINIC_NOTE]);
    await addResource(sato, { kind: 'agency', orgId: 'org-clinic', category: 'health' });
    await connect(sato, CLINIC, HARU, 'strong', 'both', CLINIC_NOTE);
    await expect.poll(() => nodeLabels(tanaka), WAIT).toContain(CLINIC);
    await expect.poll(() => edgeTexts(tanaka).then((t) => t.some((x) => x.includes(CLINIC_NOTE))), WAIT).toBe(true);
    expect(await nodeRow(tanaka, CLINIC).getAttribute('data-doc')).toBe('case/case-yamada/p/p-haru/health/o/org-houkatsu');

    // takahashi adds a creditor under 収入・債務 (ハルさん shares finances with 自立相談支援 and 社協 only).
    await watchEcomapForLeaks(sato, [CREDITOR]);
    await addResource(takahashi, { kind: 'service', name: CREDITOR, category: 'finances' });
    await connect(takahashi, CREDITOR, HARU, 'stressful', 'forward', '料金滞納');
    await expect.poll(() => nodeLabels(tanaka), WAIT).toContain(CREDITOR);
    await expect.poll(() => tanaka.locator('.eco-edge[data-strength=stressful]').count(), WAIT).toBe(1);
    // The hatch: many short ticks across the line.
    expect(await tanaka.locator('.eco-edge[data-strength=stressful] line').count()).toBeGreaterThan(8);

    // By now every update has reached everyone; what consent withholds never arrived.
    expect(await nodeLabels(takahashi)).toEqual(expect.arrayContaining([HOUKATSU, MINSEI, CREDITOR]));
    expect(await nodeLabels(takahashi)).not.toContain(CLINIC);
    expect(await edgeRows(takahashi).count()).toBe(3);
    expect(await takahashi.locator('.react-flow__edge').count()).toBe(3);
    expect(await takahashi.locator('[data-testid=eco-node-row][data-category=health]').count()).toBe(0);
    expect(await leaked(takahashi)).toEqual([]);
    expect(await nodeLabels(sato)).not.toContain(CREDITOR);
    expect(await edgeRows(sato).count()).toBe(3);
    expect(await leaked(sato)).toEqual([]);
    expect(await nodeLabels(tanaka)).toHaveLength(4);
    expect(await edgeRows(tanaka).count()).toBe(4);
  });

  it('sato drags the 民生委員 and tanaka sees the new position', async () => {
    const before = await position(sato, MINSEI);
    minseiBeforeDrag = before;
    const id = await nodeRow(sato, MINSEI).getAttribute('data-node-id');
    const box = await sato.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
    expect(box).toBeTruthy();
    await sato.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await sato.mouse.down();
    // Out to the left, away from the others (the canvas is zoomed out, so screen px > flow px).
    await sato.mouse.move(box!.x + box!.width / 2 - 30, box!.y + box!.height / 2 - 5, { steps: 8 });
    await sato.mouse.move(box!.x + box!.width / 2 - 70, box!.y + box!.height / 2 - 15, { steps: 8 });
    await sato.mouse.up();
    await expect.poll(() => position(sato, MINSEI).then((p) => p.x < before.x - 50 && p.y < before.y), WAIT).toBe(true);
    const after = await position(sato, MINSEI);
    await expect.poll(() => position(tanaka, MINSEI), WAIT).toEqual(after);
    await expect.poll(() => position(takahashi, MINSEI), WAIT).toEqual(after);
  });

  it('tanaka’s selection shows on the others’ screens in his colour, with his name', async () => {
    await nodeRow(tanaka, HOUKATSU).getByRole('button', { name: '選択' }).click();
    const id = await nodeRow(tanaka, HOUKATSU).getAttribute('data-node-id');
    for (const page of [sato, takahashi]) {
      const node = page.locator(`.react-flow__node[data-id="${id}"]`);
      await expect.poll(() => node.locator('.eco-remote-tag').allInnerTexts(), WAIT).toEqual(['田中 美咲']);
      expect(await node.locator('.eco-node').getAttribute('data-remote')).toBe('u-tanaka');
      await expect.poll(() => nodeRow(page, HOUKATSU).innerText(), WAIT).toContain('田中 美咲 が選択中');
    }
  });

  it('arrow keys move tanaka’s selection by 10px; his undo reverts only his own steps', async () => {
    const start = await position(tanaka, HOUKATSU);
    const minsei = await position(tanaka, MINSEI); // where sato dropped it
    // Focus stays on the 選択 button: arrow keys move the selected node, 10px a press.
    for (let i = 0; i < 3; i++) await tanaka.keyboard.press('ArrowRight');
    await expect.poll(() => position(sato, HOUKATSU), WAIT).toEqual({ x: start.x + 30, y: start.y });

    await tanaka.keyboard.press('Control+z');
    await expect.poll(() => position(sato, HOUKATSU), WAIT).toEqual({ x: start.x + 20, y: start.y });
    await tanaka.keyboard.press('Control+z');
    await tanaka.keyboard.press('Control+z');
    await expect.poll(() => position(sato, HOUKATSU), WAIT).toEqual(start);
    // sato's move of the 民生委員 is his, not tanaka's: it stays.
    expect(await position(tanaka, MINSEI)).toEqual(minsei);

    // tanaka's step before the moves: the 民生委員's relationship. Undo removes it for everyone;
    // the 民生委員 himself stays where sato put him.
    await toolbar(tanaka).getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => edgeTexts(sato).then((t) => t.some((x) => x.includes(MINSEI))), WAIT).toBe(false);
    expect(await position(sato, MINSEI)).toEqual(minsei);
    await toolbar(tanaka).getByRole('button', { name: 'やり直す' }).click();
    await expect.poll(() => edgeTexts(sato).then((t) => t.some((x) => x.includes(MINSEI))), WAIT).toBe(true);

    // sato's undo is his own: his last step was the drag, then his clinic relationship.
    await toolbar(sato).getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => position(tanaka, MINSEI), WAIT).toEqual(minseiBeforeDrag);
    expect(await position(tanaka, HOUKATSU)).toEqual(start);
    await toolbar(sato).getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => edgeTexts(tanaka).then((t) => t.some((x) => x.includes(CLINIC_NOTE))), WAIT).toBe(false);
    expect(await edgeTexts(tanaka).then((t) => t.some((x) => x.includes(MINSEI)))).toBe(true);
    await toolbar(sato).getByRole('button', { name: 'やり直す' }).click();
    await toolbar(sato).getByRole('button', { name: 'やり直す' }).click();
    await expect.poll(() => edgeTexts(tanaka).then((t) => t.some((x) => x.includes(CLINIC_NOTE))), WAIT).toBe(true);
    await expect.poll(() => position(tanaka, MINSEI), WAIT).toEqual(minsei);
  });

  it('on the canvas: a click selects a node, arrow keys move it, Ctrl+Z puts it back', async () => {
    const start = await position(tanaka, HOUKATSU);
    const id = await nodeRow(tanaka, HOUKATSU).getAttribute('data-node-id');
    await tanaka.getByTestId('ecomap-canvas').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await tanaka.locator(`.react-flow__node[data-id="${id}"]`).click();
    await tanaka.keyboard.press('ArrowDown');
    await tanaka.keyboard.press('ArrowDown');
    await expect.poll(() => position(sato, HOUKATSU), WAIT).toEqual({ x: start.x, y: start.y + 20 });
    await tanaka.keyboard.press('Control+z');
    await tanaka.keyboard.press('Control+z');
    await expect.poll(() => position(sato, HOUKATSU), WAIT).toEqual(start);
    await tanaka.keyboard.press('Escape');
  });

  it('a relationship drawn by dragging from a node’s dot, then given its kind in the form that opens', async () => {
    const from = tanaka.locator(`.react-flow__node[data-id="${await nodeRow(tanaka, MINSEI).getAttribute('data-node-id')}"]`);
    const to = tanaka.locator('.react-flow__node[data-id="person:p-kenji"]');
    // The whole canvas on screen: the mouse only reaches what is in the viewport.
    await tanaka.getByTestId('ecomap-canvas').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const fromBox = (await from.boundingBox())!;
    await tanaka.mouse.move(fromBox.x + fromBox.width / 2, fromBox.y + fromBox.height / 2);
    const dot = (await from.locator('.eco-connect-dot').boundingBox())!;
    const toBox = (await to.boundingBox())!;
    await tanaka.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
    await tanaka.mouse.down();
    await tanaka.mouse.move(toBox.x + toBox.width / 2, toBox.y + 20, { steps: 12 });
    await tanaka.mouse.move(toBox.x + toBox.width / 2 + 2, toBox.y + 22, { steps: 2 });
    await tanaka.mouse.up();
    const form = tanaka.getByTestId('eco-edit-edge-form');
    await form.waitFor(WAIT);
    expect(await form.getByLabel('起点').inputValue()).toBe(await nodeRow(tanaka, MINSEI).getAttribute('data-node-id'));
    expect(await form.getByLabel('相手').inputValue()).toBe('person:p-kenji');
    await form.getByLabel('関係の種類').selectOption('stressful');
    await form.getByLabel('メモ (短く)').fill('訪問を拒否');
    await form.getByRole('button', { name: '保存する' }).click();
    const kenji = (page: Page) => edgeRows(page).filter({ hasText: '山田 健二' });
    for (const page of [sato, takahashi]) {
      await expect.poll(() => kenji(page).getAttribute('data-strength').catch(() => null), WAIT).toBe('stressful');
      expect(await kenji(page).innerText()).toContain('訪問を拒否');
    }
  });

  it('sato relabels the clinic (restricted to 社協): it moves to that compartment with its relationship, and undo moves it back', async () => {
    const plain = 'case/case-yamada/p/p-haru/health/o/org-houkatsu';
    const restricted = `${plain}/x/a.org-shakyo`;
    await watchEcomapForLeaks(takahashi, [CLINIC, CLINIC_NOTE]);
    await nodeRow(sato, CLINIC).getByRole('button', { name: '編集' }).click();
    const form = sato.getByTestId('eco-edit-node-form');
    await form.getByLabel('共有先の機関を限定する (限定共有)').check();
    await form.getByLabel('はなみずき市社会福祉協議会').check();
    await form.getByRole('button', { name: '保存する' }).click();
    await form.waitFor({ state: 'detached', ...WAIT });

    const clinicEdge = (page: Page) => edgeRows(page).filter({ hasText: CLINIC_NOTE });
    for (const page of [sato, tanaka]) {
      await expect.poll(() => nodeRow(page, CLINIC).getAttribute('data-doc').catch(() => null), WAIT).toBe(restricted);
      await expect.poll(() => clinicEdge(page).getAttribute('data-doc').catch(() => null), WAIT).toBe(restricted);
      // Moved, not copied: one node, one relationship.
      expect(await nodeRow(page, CLINIC).count()).toBe(1);
      expect(await clinicEdge(page).count()).toBe(1);
    }
    expect(await nodeRow(tanaka, CLINIC).innerText()).toContain('限定共有');

    // One step across two compartments: one undo puts node and relationship back.
    await toolbar(sato).getByRole('button', { name: '元に戻す' }).click();
    await expect.poll(() => nodeRow(tanaka, CLINIC).getAttribute('data-doc').catch(() => null), WAIT).toBe(plain);
    await expect.poll(() => clinicEdge(tanaka).getAttribute('data-doc').catch(() => null), WAIT).toBe(plain);
    expect(await nodeRow(tanaka, CLINIC).count()).toBe(1);
    await toolbar(sato).getByRole('button', { name: 'やり直す' }).click();
    await expect.poll(() => nodeRow(tanaka, CLINIC).getAttribute('data-doc').catch(() => null), WAIT).toBe(restricted);
    expect(await leaked(takahashi)).toEqual([]);
  });

  it('each participant’s view, saved for a look', async () => {
    await tanaka.keyboard.press('Escape');
    for (const page of [tanaka, sato, takahashi]) await page.getByRole('button', { name: '全体を表示' }).click();
    await tanaka.waitForTimeout(400);
    for (const [page, name] of [[tanaka, 'tanaka'], [sato, 'sato'], [takahashi, 'takahashi']] as const) {
      await screenshot(page, `ecomap-${name}`);
      // The canvas alone at full resolution, to judge the drawing itself.
      await page.getByTestId('ecomap-canvas').screenshot({ path: join(ARTIFACTS_DIR, `ecomap-canvas-${name}.png`) });
    }
    expect(await seriousViolations(sato)).toEqual([]);
  });

  it('exports SVG and PNG with the Japanese text intact, only what the viewer may see', async () => {
    const [svgDownload] = await Promise.all([tanaka.waitForEvent('download'), toolbar(tanaka).getByRole('button', { name: 'SVGで保存' }).click()]);
    expect(svgDownload.suggestedFilename()).toBe('ecomap-meeting-yamada-1.svg');
    const svgPath = join(ARTIFACTS_DIR, 'ecomap-export.svg');
    await svgDownload.saveAs(svgPath);
    const svg = readFileSync(svgPath, 'utf8');
    for (const text of [HARU, HOUKATSU, CLINIC, CREDITOR, '週1回訪問', '料金滞納', '山田さん世帯']) expect(svg).toContain(text);
    expect(svg).toContain('Noto Sans CJK JP');

    const [pngDownload] = await Promise.all([tanaka.waitForEvent('download'), toolbar(tanaka).getByRole('button', { name: 'PNGで保存' }).click()]);
    expect(pngDownload.suggestedFilename()).toBe('ecomap-meeting-yamada-1.png');
    const pngPath = join(ARTIFACTS_DIR, 'ecomap-export.png');
    await pngDownload.saveAs(pngPath);
    expect(statSync(pngPath).size).toBeGreaterThan(20_000);
    expect(readFileSync(pngPath).subarray(1, 4).toString()).toBe('PNG');

    // takahashi's export holds only what his screen holds.
    const [own] = await Promise.all([takahashi.waitForEvent('download'), toolbar(takahashi).getByRole('button', { name: 'SVGで保存' }).click()]);
    const ownPath = join(ARTIFACTS_DIR, 'ecomap-export-takahashi.svg');
    await own.saveAs(ownPath);
    const ownSvg = readFileSync(ownPath, 'utf8');
    expect(ownSvg).toContain(HOUKATSU);
    expect(ownSvg).not.toContain(CLINIC);
    expect(ownSvg).not.toContain(CLINIC_NOTE);
  });

  it('a closed meeting shows its record: nothing draggable, no edit affordances, export still there', async () => {
    const closed = await tanaka.evaluate(() =>
      fetch('/api/meetings/meeting-yamada-1/state', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'closed' }) }).then((r) => r.status),
    );
    expect(closed).toBe(200);
    // Issue 8 rule 2: the live board gives way to the frozen record, which draws the same ecomap.
    await sato.waitForURL(/\/meetings\/meeting-yamada-1\/record/, WAIT);
    await expect.poll(() => toolbar(sato).getByRole('button', { name: 'SVGで保存' }).count(), WAIT).toBe(1);
    await expect.poll(() => nodeLabels(sato), WAIT).toEqual(expect.arrayContaining([HOUKATSU, MINSEI, CLINIC]));
    expect(await sato.getByTestId('ecomap').getByRole('button', { name: '編集' }).count()).toBe(0);
    expect(await sato.locator('.react-flow__node.draggable').count()).toBe(0);
    expect(await toolbar(sato).getByRole('button', { name: '社会資源を追加' }).count()).toBe(0);
    expect(await toolbar(sato).getByRole('button', { name: 'SVGで保存' }).count()).toBe(1);
    expect(await nodeLabels(sato)).toEqual(expect.arrayContaining([HOUKATSU, MINSEI, CLINIC]));
    await screenshot(sato, 'ecomap-closed-sato');
  });
});
