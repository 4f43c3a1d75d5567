import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingDetail, ParticipantView } from '../../shared/api/cases.ts';
import { ApiError, api, unwrap } from '../api/client.ts';

export interface MeetingDetailState {
  meeting: MeetingDetail | null;
  error: Error | null;
  loading: boolean;
  /** Loads again without blanking the screen (participants, affirmations and state change live). */
  reload(): void;
  /** Takes a participant list the server just returned (e.g. after an affirmation). */
  setParticipants(participants: ParticipantView[]): void;
}

/** The meeting, kept current. A 404 on reload (the viewer was removed) clears it. */
export function useMeetingDetail(meetingId: string): MeetingDetailState {
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    unwrap<MeetingDetail>(api.meetings[':meetingId'].$get({ param: { meetingId } })).then(
      (data) => {
        if (mine !== seq.current) return;
        setMeeting(data);
        setError(null);
        setLoading(false);
      },
      (e: Error) => {
        if (mine !== seq.current) return;
        // Not admitted any more: nothing of the meeting stays on screen.
        if (e instanceof ApiError && (e.status === 404 || e.status === 401)) setMeeting(null);
        setError(e);
        setLoading(false);
      },
    );
  }, [meetingId]);

  useEffect(() => {
    setMeeting(null);
    setLoading(true);
    reload();
    return () => {
      seq.current++;
    };
  }, [reload]);

  const setParticipants = useCallback((participants: ParticipantView[]) => {
    seq.current++;
    setMeeting((m) => (m ? { ...m, participants } : m));
  }, []);

  return { meeting, error, loading, reload, setParticipants };
}
