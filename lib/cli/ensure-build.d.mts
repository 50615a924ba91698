// Types for ensure-build.mjs, which runs under plain node before anything is built.
export const root: string;
export function serversRunningFrom(dir: string): number[];
export function ensureBuild(options?: {
  dir?: string;
  build?: () => boolean;
  say?: (line: string) => void;
  complain?: (line: string) => void;
}): boolean;
