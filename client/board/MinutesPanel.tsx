import { useI18n } from '../i18n/i18n.tsx';
import { colorFor } from '../ui/colors.ts';
import { useBoard } from './board-context.tsx';
import { MinutesEditor } from './MinutesEditor.tsx';

/** 議事録: the meeting document's rich text, with everyone's named carets. */
export function MinutesPanel({ awaitingAffirmation }: { awaitingAffirmation: boolean }) {
  const { t } = useI18n();
  const { meetingDoc, user, readOnly } = useBoard();
  const live = meetingDoc && meetingDoc.status !== 'ended' ? meetingDoc : null;
  return (
    <section className="panel minutes" aria-labelledby="minutes-title">
      <h2 id="minutes-title">{t('minutes')}</h2>
      {live ? (
        <MinutesEditor
          doc={live.doc}
          provider={live.provider}
          field="minutes"
          user={{ name: user.displayName, color: colorFor(user.id) }}
          readOnly={readOnly}
          label={t('minutes')}
        />
      ) : (
        <p className="empty">{awaitingAffirmation ? t('awaitingAffirmation') : null}</p>
      )}
    </section>
  );
}
