/** Roles a user account holds in the product (DOMAIN.md "People and organisations"). */
export const USER_ROLES = ['administrator', 'facilitator', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** How somebody takes part in one meeting. */
export const PARTICIPANT_ROLES = ['facilitator', 'member', 'person', 'family', 'guest'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
