/** UI strings of the board screens (kept apart so each area owns its words). */
export const boardJa = {} as const satisfies Record<string, string>;

export const boardEn: Record<keyof typeof boardJa, string> = {};
