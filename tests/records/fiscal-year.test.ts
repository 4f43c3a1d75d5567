import { describe, expect, it } from 'vitest';
import { fiscalYearOf, fiscalYearRange, wareki, warekiFiscalYear } from '../../shared/domain/fiscal-year.ts';
import { comparePlans } from '../../server/records/compare.ts';
import { snippetOf } from '../../server/records/search.ts';
import { indicatorsCsv } from '../../server/records/indicators.ts';

describe('fiscal years and 和暦', () => {
  it('a fiscal year runs from April 1st to March 31st in Japan time', () => {
    expect(fiscalYearRange(2026)).toEqual({ from: '2026-03-31T15:00:00.000Z', to: '2027-03-31T15:00:00.000Z' });
    expect(fiscalYearOf('2026-03-31T15:00:00.000Z')).toBe(2026); // 00:00 on April 1st in Japan
    expect(fiscalYearOf('2026-03-31T14:59:59.999Z')).toBe(2025);
  });

  it('formats dates in the Japanese calendar, including the first year of an era', () => {
    expect(wareki('2026-04-10T05:00:00Z', { time: true })).toBe('令和8年4月10日(金) 14:00');
    expect(wareki('2026-07-01')).toBe('令和8年7月1日(水)');
    expect(warekiFiscalYear(2019)).toBe('令和元年度');
    expect(warekiFiscalYear(2018)).toBe('平成30年度');
    expect(wareki('いつか')).toBe('いつか');
  });
});

describe('record helpers', () => {
  it('marks plan changes from a to b', () => {
    const a = { plan: { goal: '自宅で暮らす', stage: 'creation' }, planItems: new Map([['p1', { id: 'p1', what: 'x', status: 'open' }]]), roles: new Map() };
    const b = { plan: { goal: '自宅で暮らす', stage: 'change', note: '追加' }, planItems: new Map([['p1', { status: 'open', what: 'x', id: 'p1' }]]), roles: new Map([['r1', { id: 'r1' }]]) };
    const diff = comparePlans(a, b);
    expect(diff.plan.map((p) => [p.field, p.change])).toEqual([
      ['goal', 'same'],
      ['policy', 'same'],
      ['stage', 'changed'],
      ['monitoringDate', 'same'],
      ['note', 'added'],
    ]);
    expect(diff.planItems[0]!.change).toBe('same'); // field order does not matter
    expect(diff.roles[0]!.change).toBe('added');
  });

  it('cuts a one-line snippet around the match', () => {
    expect(snippetOf('あ'.repeat(100) + '服薬管理' + 'い'.repeat(100), '服薬管理')).toBe(`…${'あ'.repeat(40)}服薬管理${'い'.repeat(40)}…`);
    expect(snippetOf('Line one\nTeam MEETING notes', 'meeting')).toBe('Line one Team MEETING notes');
  });

  it('quotes CSV fields that need it', () => {
    const csv = indicatorsCsv({
      fy: 2026,
      label: '令和8年度',
      from: '2026-03-31T15:00:00.000Z',
      to: '2027-03-31T15:00:00.000Z',
      newJusotekiCases: 0,
      meetingsByKind: [{ kindId: 'x', kindName: '会議, "特別"', count: 1 }],
      plansByStage: [],
      consents: { granted: 0, withdrawn: 0, refused: 0 },
      caseEnds: { ended: { total: 1, byReason: [{ reason: 'goal_attained', label: '目標達成', count: 1 }] }, suspended: { total: 0, byReason: [] }, resumed: 0 },
    });
    expect(csv.startsWith('\uFEFF指標,区分,件数\r\n')).toBe(true);
    expect(csv).toContain('会議の種類別開催数,"会議, ""特別""",1\r\n');
    expect(csv).toContain('令和8年度（令和8年4月1日(水)〜令和9年3月31日(水)）');
    expect(csv).toContain('終結したケース数,,1\r\n終結の理由,目標達成,1\r\n中断したケース数,,0\r\n');
  });
});
