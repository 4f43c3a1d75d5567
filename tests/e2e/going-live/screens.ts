/**
 * How the going-live story looks at each screen: axe-clean, usable at 1024×768, no internal code
 * in what a person reads, and photographed (tests/e2e/artifacts/going-live-NN-name.png, numbered
 * in the order of the story so the pictures read as the story).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from '../../helpers/browser.ts';
import { seriousViolations } from '../../helpers/page-watch.ts';

export const SMALL = { width: 1024, height: 768 };

/**
 * What nobody should ever read on a screen (names, Japanese labels and 和暦 instead). Date inputs
 * are not text (the browser shows their value as a Japanese date), so they do not count.
 */
const INTERNAL: { what: string; pattern: RegExp }[] = [
  { what: 'ISO timestamp', pattern: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/ },
  { what: 'ISO date', pattern: /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/ },
  { what: 'internal id', pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i },
  // Message keys (in_caseAdmin), stored codes (support_meeting) and audit actions (admin.user_added).
  { what: 'key or code', pattern: /(?<![\w/.-])[a-z]+(?:\.[a-z]+)*_[a-zA-Z_]+(?![\w/-])/ },
  // A field named in English before its value (scheduledAt: …, path: …).
  { what: 'English field name', pattern: /(?<![\w/.-])[a-z][a-zA-Z]+: / },
  { what: 'broken text', pattern: /\uFFFD|undefined|\[object Object\]|NaN/ },
];

/**
 * The text a person reads on the page, without what is shown on purpose to be copied as it is
 * (one-time passwords, links, the TOTP key and recovery codes).
 */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('script, style, code, [data-testid=totp-secret], .recovery-codes').forEach((el) => el.remove());
    return copy.textContent ?? '';
  });
}

/** Internal codes found on the page, as "what: match" lines (empty when the page is clean). */
export async function internalCodes(page: Page): Promise<string[]> {
  const text = await readableText(page);
  return INTERNAL.flatMap(({ what, pattern }) => {
    // Every distinct offender (a few of each), with a little of the text around the first.
    const all = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))];
    const distinct = [...new Set(all.map((m) => m[0]))];
    if (distinct.length === 0) return [];
    const at = all[0]!.index;
    return [`${what}: ${distinct.slice(0, 8).join(', ')} (…${text.slice(Math.max(0, at - 30), at + 40)}…)`];
  });
}

/** Numbers each screenshot in the order taken. */
export function screenChecker(prefix: string) {
  let n = 0;
  return async function check(page: Page, name: string): Promise<void> {
    // The picture first: when a check below fails, it shows what failed.
    n += 1;
    await screenshot(page, `${prefix}-${String(n).padStart(2, '0')}-${name}`);
    expect(await seriousViolations(page), name).toEqual([]);
    // No known gaps any more: every screen, the audit review included, fails on an internal code.
    expect(await internalCodes(page), name).toEqual([]);
    // Usable at 1024×768: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(SMALL.width);
  };
}
