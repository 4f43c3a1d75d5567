import { z } from 'zod';

export const PersonView = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  sex: z.enum(['male', 'female', 'other']),
  age: z.number().int().nullable(),
  isSubject: z.boolean(),
  deceased: z.boolean(),
});
export type PersonView = z.infer<typeof PersonView>;

export const ParticipantView = z.object({
  userId: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.enum(['facilitator', 'member', 'person', 'family', 'guest']),
  affirmed: z.boolean(),
  /** Recorded as attending (joined the running meeting, or marked by the facilitator). */
  present: z.boolean(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const MeetingSummary = z.object({
  id: z.string(),
  caseId: z.string(),
  kindId: z.string(),
  moment: z.string().nullable(),
  title: z.string(),
  scheduledAt: z.string(),
  state: z.enum(['scheduled', 'open', 'closed']),
  videoUrl: z.string().nullable(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingDetail = MeetingSummary.extend({
  caseTitle: z.string(),
  participants: z.array(ParticipantView),
  /** The Yjs document holding agenda, decisions, minutes and attendance. */
  docName: z.string(),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const CaseSummary = z.object({
  id: z.string(),
  title: z.string(),
  /** null when this viewer may not know it (it tells whether the person has consented). */
  legalBasis: z.enum(['support_meeting', 'consent']).nullable(),
  coordinatorName: z.string(),
  nextMeeting: MeetingSummary.nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseDetail = CaseSummary.extend({
  /** The viewer manages this case (records consent, designates members, runs its meetings). */
  canManage: z.boolean(),
  persons: z.array(PersonView),
  meetings: z.array(MeetingSummary),
});
export type CaseDetail = z.infer<typeof CaseDetail>;
