import { z } from "zod";

// Runs in the browser before the app's own code. Zod compiles object schemas with `new Function` when it can, and
// finds out by trying once: under the Content-Security-Policy (no 'unsafe-eval', see server/http/security-headers.ts)
// that probe is refused and reported as a violation on every page. Browsers parse small payloads, so zod's plain
// (non-compiled) parser costs nothing noticeable; the server keeps the compiled one.
z.config({ jitless: true });
