/** UI strings of the ecomap panels of the board (kept apart so each area owns its words). */
export const ecomapJa = {} as const satisfies Record<string, string>;

export const ecomapEn: Record<keyof typeof ecomapJa, string> = {};
