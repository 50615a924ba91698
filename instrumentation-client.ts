// Runs in the browser before the app's code. Zod compiles object parsers with `new Function` when
// it may, and finds out by trying when its first schema is built: under the pages' policy (no
// 'unsafe-eval', lib/server/content-security-policy.ts) that try is a violation report, and the
// interpreted parser runs anyway. Saying so up front skips the try.
import { config } from "zod";

config({ jitless: true });
