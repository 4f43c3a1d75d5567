/** UI strings of the plan panels of the board (kept apart so each area owns its words). */
export const planJa = {} as const satisfies Record<string, string>;

export const planEn: Record<keyof typeof planJa, string> = {};
