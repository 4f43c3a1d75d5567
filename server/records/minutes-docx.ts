import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { confirmedDecisionIds } from '../decisions/confirmations.ts';
import type { Db } from '../store/db.ts';
import type { AnnotationView } from '../../shared/api/records.ts';
import { wareki } from '../../shared/domain/fiscal-year.ts';
import { docFromState, read } from './doc-content.ts';
import { planOf } from './compare.ts';
import { organisationNames } from './record-store.ts';
import { subjectOf, type VisibleRecord } from './visible.ts';

/**
 * 会議録 as a Word document, in the order municipal minutes use: kind, date (和暦), place or
 * online, attendees with their agencies, agenda, discussion, decisions with owners and due dates,
 * next monitoring date. Built only from the record as THIS viewer may see it (visibleRecord), so
 * an export never carries more than the screen would show.
 */

export const MOMENT_LABELS: Record<string, string> = {
  plan_creation: 'プラン策定時',
  plan_change: 'プラン変更時',
  ending: '支援終了判断時',
  suspension: '支援中断決定時',
};

const ROLE_LABELS: Record<string, string> = { facilitator: '進行役', member: '構成員', person: '本人', family: '家族', guest: 'ゲスト' };
const FONT = { ascii: 'Century', hAnsi: 'Century', eastAsia: 'ＭＳ 明朝' };
const NONE = '（記載なし）';

export async function minutesDocx(db: Db, record: VisibleRecord, annotations: AnnotationView[], exportedBy: string): Promise<Buffer> {
  const { meeting } = record;
  const orgs = await organisationNames(db);
  const meetingDoc = record.meetingDocVisible ? docFromState(record.docs[0]!.state) : null;
  const plan = planOf(record.docs, await subjectOf(db, meeting.caseId)).plan;
  const videoUrl = meeting.videoUrl ?? (meetingDoc ? read.metaVideoUrl(meetingDoc) : null);

  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 } });
  const body = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: '会議録', heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: meeting.title, bold: true })] }),
    table(
      ['項目', '内容'],
      [
        ['会議の種類', meeting.kindName + (meeting.moment ? `（${MOMENT_LABELS[meeting.moment] ?? meeting.moment}）` : '')],
        ['開催日時', wareki(meeting.scheduledAt, { time: true })],
        ['開催方法', videoUrl ? `オンライン（ビデオ会議: ${videoUrl}）` : '対面'],
        ['ケース', meeting.caseTitle],
        ['記録の状態', meeting.approvedAt ? `確定（${wareki(meeting.approvedAt)} ${meeting.approvedBy ?? ''}）` : '未確定'],
      ],
      [25, 75],
    ),
  ];

  children.push(heading('出席者'));
  if (record.meetingDocVisible && meeting.attendees.length > 0) {
    children.push(table(['氏名', '所属機関', '役割'], meeting.attendees.map((a) => [a.displayName, a.orgName, ROLE_LABELS[a.role] ?? a.role]), [30, 50, 20]));
  } else children.push(body(NONE));

  children.push(heading('議題'));
  const agenda = meetingDoc ? read.agenda(meetingDoc) : [];
  if (agenda.length === 0) children.push(body(NONE));
  agenda.forEach((item, i) => children.push(body(`${i + 1}. ${item.text}${item.done ? '（済）' : ''}`)));

  children.push(heading('協議内容'));
  const minutes = meetingDoc ? read.minutes(meetingDoc) : [];
  if (minutes.length === 0) children.push(body(NONE));
  for (const line of minutes) children.push(body(line));

  children.push(heading('決定事項'));
  const decisions = meetingDoc ? read.decisions(meetingDoc) : [];
  // 確定 is what the server recorded for this exact content, never the document's own flag
  // (any member can write the meeting document).
  const confirmed = await confirmedDecisionIds(db, record.meeting.id, decisions);
  if (decisions.length === 0) children.push(body(NONE));
  else {
    children.push(
      table(
        ['決定事項', '担当機関', '期限', '確認'],
        decisions.map((d) => [
          d.text,
          d.ownerOrgId ? (orgs.get(d.ownerOrgId) ?? d.ownerOrgId) : '—',
          d.dueDate ? wareki(d.dueDate) : '—',
          confirmed.has(d.id) ? '確定' : '未確定',
        ]),
        [46, 26, 18, 10],
      ),
    );
  }

  children.push(heading('次回モニタリング予定日'));
  children.push(body(plan.monitoringDate ? wareki(plan.monitoringDate) : NONE));

  if (annotations.length > 0) {
    children.push(heading('注記'));
    for (const a of annotations) children.push(body(`${wareki(a.createdAt, { time: true })} ${a.authorName}: ${a.text}`));
  }

  children.push(
    new Paragraph({
      spacing: { before: 480 },
      children: [
        new TextRun({
          text: `出力日時: ${wareki(new Date().toISOString(), { time: true })}　出力者: ${exportedBy}　（出力者が現在閲覧できる内容のみを記載しています）`,
          size: 16,
        }),
      ],
    }),
  );
  meetingDoc?.destroy();

  const document = new Document({
    creator: 'かさね',
    title: `会議録 ${meeting.title}`,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1304, right: 1304 } } }, children }],
  });
  return Packer.toBuffer(document);
}

/** A bordered table with a header row; widths in percent. */
function table(header: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, i: number, bold = false) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [new TextRun({ text, bold })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((text, i) => cell(text, i)) })),
    ],
  });
}
