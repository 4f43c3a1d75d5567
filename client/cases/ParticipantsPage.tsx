import { useCallback, useState } from 'react';
import type { CaseDetail, MeetingDetail } from '../../shared/api/cases.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { api, unwrap } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { loadDirectory } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { AsSeenByPanel } from './AsSeenByPanel.tsx';
import { DesignateForm } from './DesignateForm.tsx';
import { MeetingStateControl } from './MeetingStateControl.tsx';
import { ParticipantTable } from './ParticipantTable.tsx';
import { loadCaseIn } from './case-api.ts';
import { useAccessChanges } from './useAccessChanges.ts';

interface Loaded {
  meeting: MeetingDetail;
  kase: CaseDetail;
  directory: DirectoryView;
}

/** /meetings/:meetingId/participants: who takes part, designation, open/close, and "as seen by". */
export function ParticipantsPage({ meetingId }: { meetingId: string }) {
  const { t, tx, dateTime, meetingKind } = useI18n();
  const { user } = useSession();
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const [caseId, setCaseId] = useState<string | null>(null);
  // Participants, the household and the pickers are access-dependent: fetched again on every access event.
  const changes = useAccessChanges(caseId);
  const { data, error, loading } = useApi<Loaded>(
    async () => {
      const meeting = await unwrap<MeetingDetail>(api.meetings[':meetingId'].$get({ param: { meetingId } }));
      const [kase, directory] = await Promise.all([
        loadCaseIn(meeting.caseId, `meeting:${meetingId}`),
        loadDirectory(),
      ]);
      return { meeting, kase, directory };
    },
    `${meetingId}#${version}#${changes}`,
  );
  const [last, setLast] = useState<Loaded | null>(null);
  if (data && data !== last) setLast(data);
  const shown = data ?? last;
  if (shown && shown.meeting.caseId !== caseId) setCaseId(shown.meeting.caseId);

  if (loading && !shown) return <p>{t('loading')}</p>;
  if (error || !shown) return <p role="alert">{t('error')}: {error?.message}</p>;
  const { meeting, kase, directory } = shown;
  // The server says whether the viewer manages the case; it also enforces it on every call.
  const manager = kase.canManage;
  // Kinds are configurable; an unknown one is treated as asking for the affirmation (the stricter reading).
  const confidentialityRequired = BUILT_IN_MEETING_KINDS.find((k) => k.id === meeting.kindId)?.confidentialityRequired ?? true;

  return (
    <section className="participants-page">
      <p>
        <Link to={`/cases/${meeting.caseId}`}>← {meeting.caseTitle}</Link>
      </p>
      <h1>
        {t('participantsTitle')} <small className="muted">{meeting.title}</small>
      </h1>
      <p className="meta">
        {meetingKind(meeting.kindId)}
        {meeting.moment && ` · ${tx(`moment_${meeting.moment}`)}`} · {dateTime(meeting.scheduledAt)} ·{' '}
        <span data-testid="meeting-state">{tx(`state_${meeting.state}`)}</span> · <Link to={`/meetings/${meeting.id}`}>{t('openBoard')}</Link>
      </p>
      {manager && <MeetingStateControl meetingId={meeting.id} state={meeting.state} onChanged={reload} />}
      <div className="participants-grid">
        <section className="panel" aria-labelledby="participants-title">
          <h2 id="participants-title">{t('participants')}</h2>
          <ParticipantTable meetingId={meeting.id} confidentialityRequired={confidentialityRequired} participants={meeting.participants} manager={manager} attendanceOpen={meeting.state !== 'closed'} onChanged={reload} />
          {manager && <DesignateForm meetingId={meeting.id} directory={directory} persons={kase.persons} participants={meeting.participants} onChanged={reload} />}
        </section>
        {manager && <AsSeenByPanel meeting={meeting} persons={kase.persons} directory={directory} version={version} />}
      </div>
    </section>
  );
}
