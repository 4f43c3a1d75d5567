import { AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { MinutesModel } from '../../shared/api/records.ts';
import { NONE } from './minutes-model.ts';

/**
 * 会議録 as a Word document: the minutes model (minutes-model.ts) rendered in the order municipal
 * minutes use. The print layout renders the same model, so the two always agree. The heading and
 * 様式 number stand in the page header; 出力者, 出力日時 and the page number in every page footer.
 */

const FONT = { ascii: 'Century', hAnsi: 'Century', eastAsia: 'ＭＳ 明朝' };

export async function minutesDocx(model: MinutesModel): Promise<Buffer> {
  // keepNext: a heading never stands alone at the foot of a page, its section on the next.
  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2, keepNext: true, spacing: { before: 240, after: 120 } });
  const sub = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3, keepNext: true, spacing: { before: 160, after: 80 } });
  const body = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const tableOr = (header: string[], rows: string[][], widths: number[]) => (rows.length === 0 ? body(NONE) : table(header, rows, widths));

  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: model.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.meetingTitle, bold: true })] }),
    table(['項目', '内容'], model.facts.map((f) => [f.label, f.value]), [25, 75]),
  ];
  if (model.confidentiality) {
    children.push(new Paragraph({ spacing: { before: 160 }, border: box, children: [new TextRun({ text: `守秘義務　${model.confidentiality}`, bold: true })] }));
  }
  children.push(new Paragraph({ spacing: { before: 160 }, children: [new TextRun({ text: model.view.note, italics: true, size: 18 })] }));

  children.push(heading('出席者'));
  children.push(tableOr(['氏名', '所属機関', '役割'], model.attendees.map((a) => [a.name, a.organisation, a.role]), [30, 50, 20]));
  children.push(heading('欠席者'));
  children.push(tableOr(['氏名', '所属機関', '役割'], model.absentees.map((a) => [a.name, a.organisation, a.role]), [30, 50, 20]));
  children.push(heading('記録者'));
  children.push(body(model.recorder));

  children.push(heading('議題'));
  if (model.agenda.length === 0) children.push(body(NONE));
  model.agenda.forEach((item, i) => children.push(body(`${i + 1}. ${item.text}（${item.state}）`)));

  children.push(heading('協議内容'));
  if (model.minutes.length === 0) children.push(body(NONE));
  for (const line of model.minutes) children.push(body(line));

  children.push(heading('支援プラン'));
  children.push(table(['項目', '内容'], [['本人の目標', model.plan.goal], ['支援方針', model.plan.policy], ['プランの段階', model.plan.stage], ['次回モニタリング', model.plan.nextMonitoring]], [25, 75]));
  for (const line of model.plan.text) children.push(body(line));
  children.push(sub('プランの内容'));
  children.push(tableOr(['内容', '担当', '期限', '状態'], model.plan.items.map((p) => [p.what, p.who, p.byWhen, p.status]), [46, 24, 18, 12]));

  children.push(heading('役割分担'));
  children.push(tableOr(['機関', '担当者', '役割', '対象者', '期間', '状態'], model.roles.map((r) => [r.organisation, r.personInCharge, r.role, r.concerning, r.period, r.status]), [20, 12, 24, 12, 22, 10]));

  children.push(heading('決定事項'));
  children.push(tableOr(['決定事項', '担当機関', '期限', '確認'], model.decisions.map((d) => [d.text, d.owner, d.due, d.confirmation]), [46, 26, 18, 10]));

  children.push(heading('エコマップ'));
  if (!model.ecomap) children.push(body(NONE));
  else {
    const width = 600;
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: Buffer.from(model.ecomap.png, 'base64'),
            transformation: { width, height: Math.round((model.ecomap.height / model.ecomap.width) * width) },
            altText: { name: 'エコマップ', title: 'エコマップ', description: model.ecomap.legend.map((l) => `${l.no} ${l.name}`).join('、') },
          }),
        ],
      }),
    );
    children.push(table(['番号', '名称', '種類'], model.ecomap.legend.map((l) => [String(l.no), l.name, l.kind]), [10, 60, 30]));
    if (model.ecomap.relations.length > 0) {
      children.push(sub('関係'));
      children.push(table(['から', 'へ', '関係', '内容'], model.ecomap.relations.map((r) => [r.from, r.to, r.kind, r.label || '—']), [25, 25, 30, 20]));
    }
  }

  children.push(heading('共有された情報'));
  if (model.shared.length === 0) children.push(body(NONE));
  for (const group of model.shared) {
    children.push(sub(group.heading));
    for (const item of group.items) children.push(new Paragraph({ children: [new TextRun(`・${item.text}`), new TextRun({ text: `（${item.source}）`, size: 16 })] }));
  }

  if (model.basisAtClose.length > 0) {
    children.push(heading('閉会時の根拠と同意の状態'));
    children.push(table(['項目', '内容'], model.basisAtClose.map((r) => [r.label, r.value]), [30, 70]));
  }

  if (model.annotations.length > 0) {
    children.push(heading('注記'));
    for (const a of model.annotations) children.push(body(`${a.at} ${a.author}: ${a.text}`));
  }

  const small = (text: string) => new TextRun({ text, size: 16 });
  const document = new Document({
    creator: 'かさね',
    title: `${model.title} ${model.meetingTitle}`,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1304, right: 1304 } } },
        headers: {
          default: new Header({
            children: [new Paragraph({ children: [small(model.heading), ...(model.formNumber ? [small(`　${model.formNumber}`)] : [])], alignment: AlignmentType.RIGHT })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [small(`出力者: ${model.output.by}　出力日時: ${model.output.at}　`), new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 }), small(' ページ')],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

const line = { style: 'single' as const, size: 6, color: '444444', space: 4 };
const box = { top: line, bottom: line, left: line, right: line };

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
