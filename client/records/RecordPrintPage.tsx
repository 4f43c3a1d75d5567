import { useEffect, useState, type ReactNode } from 'react';
import type { MinutesModel } from '../../shared/api/records.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { loadMinutes } from './records-api.ts';
import { RecordSection } from './RecordSections.tsx';

/**
 * /meetings/:id/record/print: the 会議録 on A4, for the browser's "Save as PDF". It renders the
 * minutes model the server builds (server/records/minutes-model.ts), the same model the DOCX is
 * made from, so paper and Word always agree. Every value arrives worded (names, 和暦). The page
 * margins carry the municipality's heading and 様式 number, 出力者, 出力日時 and the page number on
 * every page (CSS page-margin boxes, fed through custom properties: no inline style needed).
 */
export function RecordPrintPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const [model, setModel] = useState<MinutesModel | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    loadMinutes(meetingId).then(
      (m) => live && setModel(m),
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [meetingId]);

  useEffect(() => {
    if (!model) return;
    // The browser offers the document title as the PDF's file name.
    document.title = `${model.title} ${model.meetingTitle}`;
    const root = document.documentElement.style;
    root.setProperty('--kasane-print-header', cssString([model.heading, model.formNumber].filter(Boolean).join('　')));
    root.setProperty('--kasane-print-footer', cssString(`出力者: ${model.output.by}　出力日時: ${model.output.at}`));
    return () => {
      document.title = 'かさね Kasane';
      root.removeProperty('--kasane-print-header');
      root.removeProperty('--kasane-print-footer');
    };
  }, [model]);

  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Link to={`/meetings/${encodeURIComponent(meetingId)}/record`}>← {t('rec_backToRecord')}</Link>
        <button type="button" onClick={() => window.print()} disabled={!model}>
          {t('rec_printButton')}
        </button>
        <p className="hint">{t('rec_printHint')}</p>
      </div>
      {error && <p role="alert">{error.message}</p>}
      {!model && !error && <p>{t('loading')}</p>}
      {model && <PrintSheet model={model} />}
    </div>
  );
}

/** A CSS string literal: quotes and backslashes escaped, line breaks flattened. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

const NONE = '（記載なし）';

function Table({ head, rows, testId }: { head: string[]; rows: string[][]; testId?: string }) {
  if (rows.length === 0) return <p className="empty">{NONE}</p>;
  return (
    <table className="data-table" data-testid={testId}>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <RecordSection title={title} testId={`print-${id}`}>
      {children}
    </RecordSection>
  );
}

function PrintSheet({ model: m }: { model: MinutesModel }) {
  const people = (list: MinutesModel['attendees']) => list.map((a) => [a.name, a.organisation, a.role]);
  return (
    <main className="print-sheet" data-testid="print-sheet" data-ready="true">
      <p className="print-heading">
        {m.heading}
        {m.formNumber && <span className="print-form-number">{m.formNumber}</span>}
      </p>
      <h1>{m.title}</h1>
      <p className="print-subtitle">{m.meetingTitle}</p>
      <table className="print-meta">
        <tbody>
          {m.facts.map((f) => (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td>{f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {m.confidentiality && (
        <p className="print-confidentiality" data-testid="print-confidentiality">
          <strong>守秘義務</strong>　{m.confidentiality}
        </p>
      )}
      <p className="print-view-note" data-testid="print-view-note">
        {m.view.note}
      </p>
      <Section title="出席者" id="attendees">
        <Table head={['氏名', '所属機関', '役割']} rows={people(m.attendees)} />
      </Section>
      <Section title="欠席者" id="absentees">
        <Table head={['氏名', '所属機関', '役割']} rows={people(m.absentees)} />
      </Section>
      <Section title="記録者" id="recorder">
        <p>{m.recorder}</p>
      </Section>
      <Section title="議題" id="agenda">
        {m.agenda.length === 0 ? (
          <p className="empty">{NONE}</p>
        ) : (
          <ol className="record-agenda">
            {m.agenda.map((a, i) => (
              <li key={i}>
                {a.text}（{a.state}）
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title="協議内容" id="minutes">
        {m.minutes.length === 0 ? <p className="empty">{NONE}</p> : m.minutes.map((line, i) => <p key={i}>{line}</p>)}
      </Section>
      <Section title="支援プラン" id="plan">
        <Table
          head={['項目', '内容']}
          rows={[
            ['本人の目標', m.plan.goal],
            ['支援方針', m.plan.policy],
            ['プランの段階', m.plan.stage],
            ['次回モニタリング', m.plan.nextMonitoring],
          ]}
        />
        {m.plan.text.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
        <h3>プランの内容</h3>
        <Table head={['内容', '担当', '期限', '状態']} rows={m.plan.items.map((p) => [p.what, p.who, p.byWhen, p.status])} />
      </Section>
      <Section title="役割分担" id="roles">
        <Table head={['機関', '担当者', '役割', '対象者', '期間', '状態']} rows={m.roles.map((r) => [r.organisation, r.personInCharge, r.role, r.concerning, r.period, r.status])} />
      </Section>
      <Section title="決定事項" id="decisions">
        <Table head={['決定事項', '担当機関', '期限', '確認']} rows={m.decisions.map((d) => [d.text, d.owner, d.due, d.confirmation])} />
      </Section>
      <Section title="エコマップ" id="ecomap">
        {!m.ecomap ? (
          <p className="empty">{NONE}</p>
        ) : (
          <>
            {/* Drawn by the server from the frozen ecomap, every label escaped there. */}
            <div className="print-ecomap" role="img" aria-label={`エコマップ: ${m.ecomap.legend.map((l) => `${l.no} ${l.name}`).join('、')}`} dangerouslySetInnerHTML={{ __html: m.ecomap.svg }} />
            <Table head={['番号', '名称', '種類']} rows={m.ecomap.legend.map((l) => [String(l.no), l.name, l.kind])} />
            {m.ecomap.relations.length > 0 && (
              <>
                <h3>関係</h3>
                <Table head={['から', 'へ', '関係', '内容']} rows={m.ecomap.relations.map((r) => [r.from, r.to, r.kind, r.label || '—'])} />
              </>
            )}
          </>
        )}
      </Section>
      <Section title="共有された情報" id="shared">
        {m.shared.length === 0 && <p className="empty">{NONE}</p>}
        {m.shared.map((g) => (
          <div key={g.heading}>
            <h3>{g.heading}</h3>
            <ul>
              {g.items.map((item, i) => (
                <li key={i}>
                  {item.text} <small className="muted">（{item.source}）</small>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Section>
      {m.basisAtClose.length > 0 && (
        <Section title="閉会時の根拠と同意の状態" id="basis">
          <Table head={['項目', '内容']} rows={m.basisAtClose.map((r) => [r.label, r.value])} />
        </Section>
      )}
      {m.annotations.length > 0 && (
        <Section title="注記" id="annotations">
          <ul className="print-annotations">
            {m.annotations.map((a, i) => (
              <li key={i}>
                {a.at} {a.author}: {a.text}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <footer className="print-footer no-print">
        出力者: {m.output.by}　出力日時: {m.output.at}
      </footer>
    </main>
  );
}
