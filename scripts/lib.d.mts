// Types of the helpers of scripts/lib.mjs that TypeScript code (bench/) uses.
export const ROOT: string;
/** True when there is no production build or a source it is built from is newer than it. */
export function isBuildStale(): boolean;
/** Polls until `url` answers 2xx (true), the time is up or `isAlive()` turns false (false). */
export function waitForHttp(url: string, timeoutMs: number, isAlive?: () => boolean): Promise<boolean>;
/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number>;
