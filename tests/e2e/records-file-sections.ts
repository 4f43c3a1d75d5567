/**
 * What the プラン策定 meeting of tests/e2e/records-file.test.ts puts on the board (F), and how its
 * filed 会議録 must read (expectFiled): every page headed with the municipality's heading and
 * 様式 number and footed with 出力者, 出力日時 and its number; then each section, in order, holding
 * what was done at the meeting, in names and 和暦; and nowhere an internal code of the record.
 */
import { expect } from 'vitest';
import type { RecordView } from '../../shared/api/records.ts';
import { PAGE_NUMBER, STAMP, flat, internalCodesIn, pdfPages, recordCodes, reiwa, sections, withoutPageFurniture } from './records-file-pdf.ts';

/** The meeting as held: what the participants type and choose on the screens. */
export const F = {
  heading: 'はなみずき市 重層的支援体制整備事業',
  formNumber: '様式第3号',
  place: '市役所 第2会議室',
  // The municipality's template for a 重層的支援会議 at プラン策定 (the demo's); four ticked.
  agenda: [
    { text: '本人の目標（アセスメント結果）の確認', done: true },
    { text: '支援方針の検討', done: true },
    { text: 'プラン内容の検討', done: true },
    { text: '各支援機関の役割分担の確認', done: true },
    { text: 'モニタリング時期の設定', done: false },
    { text: '不足している社会資源（地域の課題）の確認', done: false },
  ],
  minutes: ['本人は長男との自宅での生活継続を希望している。', '長男は同席せず、包括が後日訪問して意向を聞く。'],
  plan: {
    goal: '長男と一緒に、この家で暮らし続けたい',
    policy: '服薬と家計を見守り、長男の孤立を防ぐ',
    stage: '策定',
    monitoring: '2027-03-01',
    items: [
      { by: 'tanaka', what: '服薬カレンダーの導入', who: 'ひだまりクリニック', byWhen: '2027-01-15' },
      { by: 'sato', what: '要介護認定の結果を本人と長男に説明する', who: '中央地域包括支援センター', byWhen: '2027-01-31' },
    ],
  },
  roles: [
    { by: 'sato', org: '中央地域包括支援センター', personInCharge: '佐藤', role: '見守り訪問 週1回', from: '2026-12-01' },
    { by: 'tanaka', org: 'はなみずき市社会福祉協議会', personInCharge: '田中', role: '関係機関の連絡調整', from: '2026-12-07' },
  ],
  decision: { text: '中央地域包括支援センターが週1回の見守り訪問を行う', owner: '中央地域包括支援センター', due: '2027-01-08' },
  ecomap: { resource: '近所の方', label: '毎朝の声かけ' },
  note: '近所の方が毎朝声をかけている。',
};

/** Who exports the record in the test. */
const BY = '田中 美咲';

/** The sections of a 会議録 in their order, each with what it must hold (for the meeting F). */
function expectedSections(record: RecordView): [string, string[], string[]?][] {
  const { openedAt, closedAt } = record.meeting;
  // 開催日時 is when the facilitator started the meeting on the board (the demo schedules it a week
  // ahead): a record must never say it was held after it closed.
  if (!openedAt || !closedAt || openedAt > closedAt) throw new Error(`held ${openedAt}, closed ${closedAt}`);
  const recorder = '佐藤 健一（中央地域包括支援センター）';
  return [
    ['会議録', ['第1回 重層的支援会議 (プラン策定)']],
    ['会議の種類', ['重層的支援会議（プラン策定時）']],
    // A 重層的支援会議 works under consent (Art. 106-4); the Art. 106-6 note is a 支援会議's.
    ['根拠', ['社会福祉法第106条の4第2項', '本人の同意の範囲で情報を共有']],
    ['開催日時', [reiwa(openedAt, true)]],
    ['閉会日時', [reiwa(closedAt!, true)]],
    ['開催方法', ['併用（対面・オンライン）']],
    ['開催場所', [F.place]],
    ['ケース', ['山田さん世帯 (8050)']],
    ['記録者', [recorder]],
    ['記録の状態', ['未確定']],
    ['出席者', ['田中 美咲 はなみずき市社会福祉協議会 進行役', '佐藤 健一 中央地域包括支援センター 構成員'], ['高橋', '鈴木', '伊藤']],
    ['欠席者', ['高橋 誠 自立相談支援機関 まいさぽはなみずき 構成員', '鈴木 由美 障害者相談支援センターあおば 構成員', '伊藤 恵子 ひだまりクリニック 構成員'], ['田中', '佐藤']],
    ['記録者', [recorder]],
    ['議題', F.agenda.map((a, i) => `${i + 1}. ${a.text}（${a.done ? '済' : '未了'}）`)],
    ['協議内容', F.minutes],
    ['支援プラン', []],
    ['本人の目標', [F.plan.goal]],
    ['支援方針', [F.plan.policy]],
    ['プランの段階', [F.plan.stage]],
    ['次回モニタリング', [reiwa(F.plan.monitoring)]],
    ['プランの内容', F.plan.items.map((p) => `${p.what} ${p.who} ${reiwa(p.byWhen)}`)],
    ['役割分担', F.roles.map((r) => `${r.org} ${r.personInCharge} ${r.role} 山田 ハル ${reiwa(r.from)} 〜 実施中`)],
    ['決定事項', [`${F.decision.text} ${F.decision.owner} ${reiwa(F.decision.due)} 確定`]],
    ['エコマップ', [`${F.ecomap.resource} インフォーマル資源`, `${F.ecomap.resource} 1 山田 ハル 弱い関係（破線） → ${F.ecomap.label}`]],
    // (The DOCX writes a ・ before each item, the print layout a list bullet: not in the text.)
    ['共有された情報', ['山田 ハル・生活状況', `${F.note}（提供: 中央地域包括支援センター／入力: 佐藤 健一／`]],
  ];
}

/**
 * Reads the PDF's text and checks it as filed: every page's furniture, every section in order with
 * its content, no 支援会議 confidentiality note, no internal code. `exported`: the span within
 * which it was made (出力日時 must fall on one of its days). Returns the page of the ecomap.
 */
export function expectFiled(pdf: string, record: RecordView, exported: [Date, Date]): { ecomapPage: number } {
  const pages = pdfPages(pdf);
  expect(pages.length, 'a record of this size takes several pages').toBeGreaterThan(1);
  const stamps = new Set<string>();
  pages.forEach((page, i) => {
    const text = flat(page);
    expect(text, `page ${i + 1}: heading`).toContain(flat(F.heading));
    expect(text, `page ${i + 1}: 様式`).toContain(F.formNumber);
    expect(text, `page ${i + 1}: 出力者`).toContain(flat(`出力者: ${BY}`));
    const stamp = STAMP.exec(text);
    expect(stamp, `page ${i + 1}: 出力日時`).not.toBeNull();
    const [, day, time] = stamp!;
    expect([reiwa(exported[0]), reiwa(exported[1])]).toContain(day);
    stamps.add(`${day} ${time}`);
    const numbers = [...text.replace(STAMP, '').matchAll(PAGE_NUMBER)].map((m) => `${m[1]}/${m[2]}`);
    expect(numbers, `page ${i + 1}: its number, once`).toEqual([`${i + 1}/${pages.length}`]);
  });
  expect(stamps.size, 'one 出力日時 on every page').toBe(1);

  const body = pages.map((p) => withoutPageFurniture(p, `${F.heading} ${F.formNumber}`, BY)).join('');
  const expected = expectedSections(record);
  const found = sections(body, expected.map(([h]) => h));
  [...found.values()].forEach((text, n) => {
    const [heading, must, mustNot = []] = expected[n]!;
    for (const s of must) expect(text, `「${heading}」 holds 「${s}」`).toContain(flat(s));
    for (const s of mustNot) expect(text, `「${heading}」 does not hold 「${s}」`).not.toContain(s);
  });
  // sato's note stands under its person and category: the last group heading before it.
  const shared = found.get('共有された情報')!;
  const note = shared.indexOf(flat(F.note));
  expect(shared.slice(shared.lastIndexOf(flat('山田 ハル・'), note)), 'the note’s group').toMatch(new RegExp(`^${flat('山田 ハル・生活状況')}`));
  const all = pages.join('\n');
  expect(flat(all)).not.toContain('第106条の6');
  expect(flat(all)).not.toContain('守秘義務');
  expect(internalCodesIn(all, recordCodes(record))).toEqual([]);
  return { ecomapPage: pages.findIndex((p) => withoutPageFurniture(p, `${F.heading} ${F.formNumber}`, BY).includes('エコマップ')) + 1 };
}
