import type { ReactNode } from 'react';
import { CaseTimelinePage } from './CaseTimelinePage.tsx';
import { ComparePage } from './ComparePage.tsx';
import { IndicatorsPage } from './IndicatorsPage.tsx';
import { RecordPage } from './RecordPage.tsx';
import { RecordPrintPage } from './RecordPrintPage.tsx';
import { ScheduleMeetingPage } from './ScheduleMeetingPage.tsx';
import { SearchPage } from './SearchPage.tsx';
import { RecordsSettingsPage } from './RecordsSettingsPage.tsx';

/** The records screens (issue 5), matched before the app's own routes. null: not ours. */

const decode = (s: string) => decodeURIComponent(s);

/** The print layout stands alone: no app shell, no navigation on the page. */
export function recordsPrintRoute(path: string): ReactNode | null {
  const print = /^\/meetings\/([^/]+)\/record\/print$/.exec(path);
  return print ? <RecordPrintPage key={print[1]} meetingId={decode(print[1]!)} /> : null;
}

export function recordsRoute(path: string): ReactNode | null {
  if (path === '/search') return <SearchPage />;
  if (path === '/indicators') return <IndicatorsPage />;
  if (path === '/records/settings') return <RecordsSettingsPage />;
  const record = /^\/meetings\/([^/]+)\/record$/.exec(path);
  if (record) return <RecordPage key={record[1]} meetingId={decode(record[1]!)} />;
  const timeline = /^\/cases\/([^/]+)\/records$/.exec(path);
  if (timeline) return <CaseTimelinePage key={timeline[1]} caseId={decode(timeline[1]!)} />;
  const schedule = /^\/cases\/([^/]+)\/meetings\/new$/.exec(path);
  if (schedule) return <ScheduleMeetingPage key={schedule[1]} caseId={decode(schedule[1]!)} />;
  const compare = /^\/cases\/([^/]+)\/compare$/.exec(path);
  if (compare) {
    const query = new URLSearchParams(location.search);
    const a = query.get('a');
    const b = query.get('b');
    return <ComparePage key={`${compare[1]}|${a}|${b}`} caseId={decode(compare[1]!)} a={a} b={b} />;
  }
  return null;
}
