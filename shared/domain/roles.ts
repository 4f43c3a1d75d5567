/** Roles a user account holds in the product (DOMAIN.md "People and organisations"). */
export const USER_ROLES = ['administrator', 'facilitator', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** How somebody takes part in one meeting. */
export const PARTICIPANT_ROLES = ['facilitator', 'member', 'person', 'family', 'guest'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * Organisation fields of invitees' accounts (server/routes/invitations.ts): an invited guest's
 * own affiliation, and the person and family members. They are no agencies: they take part in
 * their meeting and refer nobody (no つなぐシート).
 */
export const INVITEE_ORG_FIELDS = ['guest', 'resident'] as const;
export function isInviteeOrgField(field: string): boolean {
  return (INVITEE_ORG_FIELDS as readonly string[]).includes(field);
}
