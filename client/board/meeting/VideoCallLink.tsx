import { useEffect, useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { MeetingDetail } from '../../../shared/api/cases.ts';
import { board } from '../../../shared/board/schema.ts';
import { api, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';

/** A key in the meeting document's meta: bumped after the link changes, so every board refetches. */
const VIDEO_REV = 'videoUrlRev';

/**
 * The meeting's video call link, as the server holds it. The link itself is never read from the
 * shared document (any member can write there, and a link is where people are sent); the
 * document only carries a "fetch it again" signal, which is harmless whoever writes it.
 */
function useVideoUrl(meeting: MeetingDetail, doc: Y.Doc | null): [string | null, (url: string | null) => void] {
  const [url, setUrl] = useState<string | null>(meeting.videoUrl);
  useEffect(() => setUrl(meeting.videoUrl), [meeting.videoUrl]);
  useEffect(() => {
    if (!doc) return;
    const meta = board.meta(doc);
    let seen = meta.get(VIDEO_REV);
    const onChange = () => {
      if (meta.get(VIDEO_REV) === seen) return;
      seen = meta.get(VIDEO_REV);
      void unwrap<MeetingDetail>(api.meetings[':meetingId'].$get({ param: { meetingId: meeting.id } }))
        .then((detail) => setUrl(detail.videoUrl))
        .catch(() => {});
    };
    meta.observe(onChange);
    return () => meta.unobserve(onChange);
  }, [doc, meeting.id]);
  const changed = (next: string | null) => {
    setUrl(next);
    if (doc) board.meta(doc).set(VIDEO_REV, Date.now());
  };
  return [url, changed];
}

const isHttps = (url: string | null): url is string => !!url && /^https:\/\//i.test(url) && hostOf(url) !== '';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** ビデオ会議に参加: prominent, since many attend remotely. Kasane carries no audio or video. */
export function VideoCallLink() {
  const { t } = useI18n();
  const id = useId();
  const { meeting, meetingDoc, isFacilitator, readOnly } = useBoard();
  const [url, setUrl] = useVideoUrl(meeting, meetingDoc?.doc ?? null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(url ?? '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // The server changes the link only before the meeting starts (meeting-schedule.ts).
  const editable = isFacilitator && !readOnly && meeting.state === 'scheduled';

  const save = async (next: string | null) => {
    setMessage(null);
    try {
      const updated = await unwrap<{ videoUrl: string | null }>(api.meetings[':meetingId'].$patch({ param: { meetingId: meeting.id }, json: { videoUrl: next } }));
      setUrl(updated.videoUrl);
      setDraft(updated.videoUrl ?? '');
      setEditing(false);
      setMessage({ kind: 'ok', text: t('videoSaved') });
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(draft.trim() === '' ? null : draft.trim());
  };

  return (
    <section className="video-call" aria-labelledby={`${id}-title`} data-testid="video-call">
      <h3 id={`${id}-title`}>{t('videoTitle')}</h3>
      {isHttps(url) ? (
        <p className="video-join">
          <a className="button" href={url} target="_blank" rel="noopener noreferrer" data-testid="video-join">
            {t('videoJoin')} ↗<span className="visually-hidden"> ({t('videoNewTab')})</span>
          </a>
          <small className="video-host">{hostOf(url)}</small>
        </p>
      ) : (
        <p className="muted small">{t('videoNone')}</p>
      )}
      <p className="muted small">{t('videoNote')}</p>
      {editable && !editing && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(url ?? '');
            setEditing(true);
          }}
        >
          {t('videoEdit')}
        </button>
      )}
      {editable && editing && (
        <form className="video-form" onSubmit={submit}>
          <label htmlFor={`${id}-url`}>{t('videoUrlLabel')}</label>
          <input id={`${id}-url`} type="url" inputMode="url" placeholder="https://" value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
          <div className="video-form-actions">
            <button type="submit">{t('videoSave')}</button>
            {url && (
              <button type="button" className="secondary danger" onClick={() => void save(null)}>
                {t('videoRemove')}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              {t('decisionCancel')}
            </button>
          </div>
        </form>
      )}
      {isFacilitator && !readOnly && meeting.state !== 'scheduled' && <p className="muted small">{t('videoLocked')}</p>}
      {message && (
        <p className={message.kind === 'error' ? 'error small' : 'small'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
