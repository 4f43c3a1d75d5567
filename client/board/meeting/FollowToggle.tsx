import { useEffect, useId, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill } from '../board-format.ts';
import { useBoard } from '../board-context.tsx';
import { facilitatorView, followersOf, useAwarenessFields, useFollowPreference, type ViewState } from './useFollow.ts';

/**
 * 進行役に追従: the facilitator's board announces its section; a member who turns following on
 * has their board switch whenever the facilitator's does. Opening another section by hand stops
 * following (as in other collaborative editors: the member chose to look elsewhere).
 */
export function FollowToggle() {
  const { meetingDoc, isFacilitator } = useBoard();
  const awareness = meetingDoc?.provider.awareness ?? null;
  if (!awareness) return null;
  return isFacilitator ? <Leading awareness={awareness} /> : <Following awareness={awareness} />;
}

function Leading({ awareness }: { awareness: Awareness }) {
  const { t, tx } = useI18n();
  const { section, user } = useBoard();
  const states = useAwarenessFields(awareness);
  useEffect(() => {
    const view: ViewState = { section, at: Date.now() };
    awareness.setLocalStateField('view', view);
  }, [awareness, section]);
  const followers = followersOf(states, user.id);
  return (
    <section className="panel follow" aria-labelledby="follow-title" data-testid="follow-leading">
      <h2 id="follow-title">{t('followToggle')}</h2>
      <p className="small">{fill(t('followPublishing'), { section: tx(`section_${section}`) })}</p>
      <p className="small" data-testid="followers-count">
        {fill(t('followersCount'), { n: followers })}
      </p>
    </section>
  );
}

function Following({ awareness }: { awareness: Awareness }) {
  const { t, tx } = useI18n();
  const id = useId();
  const { meeting, section, setSection } = useBoard();
  const states = useAwarenessFields(awareness);
  const target = facilitatorView(states, meeting.participants);
  const [following, setFollowing] = useFollowPreference();
  const [notice, setNotice] = useState('');
  // The facilitator's section we last acted on: a change of it moves us; a change of ours alone
  // (the member clicked another tab) stops following.
  const lastTarget = useRef<string | null>(null);
  const targetSection = target?.section ?? null;

  useEffect(() => {
    if (!following || !targetSection) {
      lastTarget.current = targetSection;
      return;
    }
    if (targetSection !== lastTarget.current) {
      lastTarget.current = targetSection;
      if (section !== targetSection) setSection(targetSection);
      return;
    }
    if (section !== targetSection) {
      setFollowing(false);
      setNotice(t('followStopped'));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [following, targetSection, section]);

  // Announce whom we follow, so the facilitator can see the room is with them.
  const followedId = following ? (target?.userId ?? null) : null;
  useEffect(() => {
    awareness.setLocalStateField('follow', followedId ? { userId: followedId } : null);
  }, [awareness, followedId]);

  const toggle = (on: boolean) => {
    lastTarget.current = null;
    setNotice('');
    setFollowing(on);
  };

  return (
    <section className="panel follow" aria-labelledby="follow-title" data-testid="follow-toggle" data-following={following ? 'true' : 'false'}>
      <h2 id="follow-title" className="visually-hidden">
        {t('followToggle')}
      </h2>
      <label className="switch" htmlFor={`${id}-follow`}>
        <input id={`${id}-follow`} type="checkbox" role="switch" checked={following} onChange={(e) => toggle(e.target.checked)} aria-describedby={`${id}-hint`} />
        <span>{t('followToggle')}</span>
      </label>
      <p id={`${id}-hint`} className="small muted">
        {t('followHint')}
      </p>
      <p className="small follow-status" data-testid="follow-status" data-target={target?.userId ?? ''}>
        {target ? fill(t('followTarget'), { name: target.name, section: tx(`section_${target.section}`) }) : t('followNoFacilitator')}
      </p>
      <p className="small" role="status">
        {notice}
      </p>
    </section>
  );
}
