/**
 * Reading a filed 会議録 back as a person would (tests/e2e/records-file.test.ts): the DOCX through
 * LibreOffice to PDF, any PDF through pdftotext (text per page) and pdftoppm (PNG pages to look
 * at), pdfimages (where pictures are). And what must never be in it: the internal codes of the
 * very record it was made from (every id, field key and document name in its frozen documents).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as Y from 'yjs';
import { DEMO_CASE, DEMO_MEETING, DEMO_ORGANISATIONS, DEMO_PERSONS, DEMO_USERS } from '../../server/seed/demo-data.ts';
import type { RecordView } from '../../shared/api/records.ts';
import { ARTIFACTS_DIR } from '../helpers/browser.ts';
import { leakedCodes } from '../records/leaks.ts';

/** Text without wrapping artefacts: the spaces and line breaks a table cell or a line end adds. */
export const flat = (text: string) => text.replace(/[\s\u3000]+/g, '');

/** DOCX → PDF next to it, by LibreOffice; returns the PDF's path. */
export function docxToPdf(docx: string): string {
  // A fresh profile per run: a stale or shared one makes soffice hang or do nothing.
  const profile = mkdtempSync(join(tmpdir(), 'kasane-lo-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', ARTIFACTS_DIR, docx], { stdio: 'pipe', timeout: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return docx.replace(/\.docx$/, '.pdf');
}

/** The text of each page, in reading order (pdftotext -raw), form feeds split. */
export function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
}

/** The page numbers (1-based) that carry a picture. */
export function pagesWithImages(pdf: string): number[] {
  const rows = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
  return [...new Set(rows.map((r) => Number(r.trim().split(/\s+/)[0])))];
}

/** Each page as a PNG under tests/e2e/artifacts (for a person to look at); returns their paths. */
export function pngPages(pdf: string, base: string): string[] {
  for (const old of readdirSync(ARTIFACTS_DIR).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))) rmSync(join(ARTIFACTS_DIR, old));
  execFileSync('pdftoppm', ['-png', '-r', '100', pdf, join(ARTIFACTS_DIR, base)]);
  return readdirSync(ARTIFACTS_DIR).filter((f) => f.startsWith(`${basename(base)}-`) && f.endsWith('.png')).sort().map((f) => join(ARTIFACTS_DIR, f));
}

const WEEKDAYS = '日月火水木金土';
/**
 * 令和 date (and time) in Japan, written out here rather than by the product's helper, so the
 * test does not check the product against itself. Reiwa only: every date in these tests is.
 */
export function reiwa(at: Date | string, time = false): string {
  const date = typeof at === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T00:00:00+09:00` : at) : at;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const weekday = WEEKDAYS[['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!)];
  const day = `令和${Number(parts.year) - 2018}年${Number(parts.month)}月${Number(parts.day)}日(${weekday})`;
  return time ? `${day}${parts.hour}:${parts.minute}` : day;
}

/** 出力日時 as a page prints it (flat text): its 和暦 day and hh:mm. */
export const STAMP = /出力日時:(令和\d+年\d+月\d+日\(.\))(\d\d:\d\d)/;
/** "n / total" (ページ in the DOCX), once 出力日時 is out of the way (its minutes touch it). */
export const PAGE_NUMBER = /(?<!\d)(\d+)\/(\d+)(?!\d)(?:ページ)?/g;

/** A page's header (heading, 様式) and footer (出力者, 出力日時, number) taken out, wherever pdftotext put them. */
export function withoutPageFurniture(page: string, heading: string, by: string): string {
  return flat(page).replace(flat(heading), '').replace(flat(`出力者: ${by}`), '').replace(STAMP, '').replace(PAGE_NUMBER, '');
}

/**
 * Splits the record's text at its headings, in the order given (a heading is looked for after the
 * one before it, so a word that is also a column name or an agenda item does not cut early).
 * Returns each heading's text up to the next one; throws naming a heading that is missing or out of order.
 */
export function sections(text: string, headings: readonly string[]): Map<string, string> {
  const at: number[] = [];
  let from = 0;
  for (const h of headings) {
    const i = text.indexOf(flat(h), from);
    if (i < 0) throw new Error(`no heading 「${h}」 after 「${headings[at.length - 1] ?? '(start)'}」 in: ${text.slice(from, from + 200)}…`);
    at.push(i);
    from = i + flat(h).length;
  }
  const out = new Map<string, string>();
  headings.forEach((h, n) => {
    const key = out.has(h) ? `${h}#${n}` : h;
    out.set(key, text.slice(at[n]! + flat(h).length, at[n + 1] ?? text.length));
  });
  return out;
}

/**
 * Every code of the record a person must not read: the ids of the demo data, every document name,
 * and from each frozen document every map key (item ids, plan field keys), every field name of
 * its items and every id-like value (org ids, user ids, node ids). Short words (x, y) are left out.
 */
export function recordCodes(record: RecordView): string[] {
  const codes = new Set<string>([DEMO_CASE.id, DEMO_MEETING.id, ...DEMO_ORGANISATIONS.map((o) => o.id), ...DEMO_USERS.map((u) => u.id), ...DEMO_PERSONS.map((p) => p.id)]);
  const idLike = (v: string) => /^[a-z]+(?:[-:][a-z0-9]+)+$/.test(v) || /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/.test(v);
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (idLike(value)) codes.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        codes.add(k);
        walk(v);
      }
    }
  };
  for (const d of record.docs) {
    codes.add(d.docName);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(d.state, 'base64'));
    for (const [name, type] of doc.share) {
      codes.add(name);
      // Map-like shared types hold their entries in _map; list-like ones (minutes) are prose.
      if ((type as unknown as { _map: Map<string, unknown> })._map.size > 0) walk(doc.getMap(name).toJSON());
    }
    doc.destroy();
  }
  return [...codes].filter((c) => c.length >= 3);
}

/** Which of `codes` the text carries (as a word of its own), and any ISO date, time or Western year. */
export function internalCodesIn(text: string, codes: readonly string[]): string[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const found = codes.filter((c) => new RegExp(`(?<![A-Za-z0-9_-])${escape(c)}(?![A-Za-z0-9_-])`).test(text));
  const iso = [...text.matchAll(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}|\b20\d\d\s*[年/.]/g)].map((m) => m[0]);
  return [...found, ...iso, ...leakedCodes(text)];
}
