/** The one definition of everything that crosses a boundary between client, server and nodes. */
export * from './close-codes.ts';
export * from './case-events.ts';
export * from './control-events.ts';
export * from './version.ts';
