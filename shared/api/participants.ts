import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');

export const AddParticipantRequest = z.object({
  userId: id,
  role: z.enum(['facilitator', 'member', 'person', 'family', 'guest']),
  personId: id.nullable().optional(),
});
export type AddParticipantRequest = z.infer<typeof AddParticipantRequest>;

export const MeetingStateRequest = z.object({ state: z.enum(['scheduled', 'open', 'closed']) });
export type MeetingStateRequest = z.infer<typeof MeetingStateRequest>;

export const DirectoryView = z.object({
  organisations: z.array(z.object({ id: z.string(), name: z.string(), field: z.string(), isCoordinator: z.boolean() })),
  users: z.array(z.object({ id: z.string(), displayName: z.string(), orgId: z.string(), role: z.string() })),
});
export type DirectoryView = z.infer<typeof DirectoryView>;

export const AttendanceRequest = z.object({ userId: id, present: z.boolean() });
export type AttendanceRequest = z.infer<typeof AttendanceRequest>;
