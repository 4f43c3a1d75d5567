/** UI strings of the meeting panels of the board (kept apart so each area owns its words). */
export const meetingJa = {} as const satisfies Record<string, string>;

export const meetingEn: Record<keyof typeof meetingJa, string> = {};
