/** UI strings of the consent screens (kept apart so each area owns its words). */
export const consentJa = {} as const satisfies Record<string, string>;

export const consentEn: Record<keyof typeof consentJa, string> = {};
