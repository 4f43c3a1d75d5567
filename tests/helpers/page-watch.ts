/**
 * What browser tests watch a page for: a text that must never appear (a leak, even for a moment)
 * and serious accessibility violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface LeakWatchOptions {
  /** Only these parts of the page count (a CSS selector list); the whole body by default. */
  within?: string;
  /** Also re-check on attribute changes (e.g. SVG labels drawn through attributes). */
  attributes?: boolean;
}

/** Records, from now on, whether any of `texts` ever enters the page's DOM (even for a moment). */
export async function watchForLeaks(page: Page, texts: string[], options: LeakWatchOptions = {}): Promise<void> {
  await page.evaluate(
    ({ watched, within, attributes }) => {
      const w = window as unknown as { __leaked: string[] };
      w.__leaked = [];
      const check = () => {
        const all = within
          ? [...document.querySelectorAll(within)].map((p) => p.textContent ?? '').join('\n')
          : (document.body.textContent ?? '');
        for (const text of watched) if (all.includes(text) && !w.__leaked.includes(text)) w.__leaked.push(text);
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes });
      check();
    },
    { watched: texts, within: options.within ?? null, attributes: options.attributes ?? false },
  );
}

/** The watched texts that have appeared since watchForLeaks (in the order they appeared). */
export const leaked = (page: Page) => page.evaluate(() => (window as unknown as { __leaked: string[] }).__leaked);

/** axe-core's serious and critical violations on the page (or only inside `include`), one line each. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
