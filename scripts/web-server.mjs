#!/usr/bin/env node
// The web process: Next.js behind a small Node HTTP server of our own (a documented Next.js "custom server").
// Why: route handlers and next-auth see only headers, and `next start` keeps a client-sent X-Forwarded-For, so the
// TCP peer would be lost. Here every request gets the peer in a header only this server writes (peer-address.mjs),
// with a random token made per process, so that client-ip.ts can tell it from a header a client wrote itself;
// server/net/client-ip.ts turns it into the client address, honouring X-Forwarded-For only from TRUSTED_PROXIES.
// Otherwise it behaves like `next start -p $PORT`: all interfaces, Next's compression, graceful stop on SIGTERM.
//   node scripts/web-server.mjs [--dev] [-p PORT] [-H HOSTNAME]
import { createServer, maxHeaderSize } from "node:http";
import { createPeerToken, stampPeerAddress } from "../server/net/peer-address.mjs";

function option(flags, fallback) {
  const at = process.argv.findIndex((arg) => flags.includes(arg));
  return at === -1 ? fallback : process.argv[at + 1];
}

const isDev = process.argv.includes("--dev");
const port = Number(option(["-p", "--port"], process.env.PORT || 3000));
const hostname = option(["-H", "--hostname"], undefined);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write(`web: the port must be a number from 1 to 65535 (got ${JSON.stringify(String(port))})\n`);
  process.exit(2);
}

// As `next start`/`next dev` do, before Next (and React) are loaded: it picks the production or development builds.
process.env.NODE_ENV = isDev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Also before Next is loaded, so that whatever Next runs (here or in processes it starts) sees this process's token.
const peerToken = createPeerToken();
const { default: next } = await import("next");
const app = next({ dev: isDev, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
const server = createServer((req, res) => {
  stampPeerAddress(req, peerToken);
  handle(req, res).catch((error) => {
    console.error("web: request failed", error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on("upgrade", (req) => stampPeerAddress(req, peerToken)); // Next attaches its own upgrade handler (dev HMR) after ours

// A request Node cannot parse never reaches Next: answer it as the API answers bad input, a 4xx with a JSON error,
// rather than Node's empty 400/431 (e.g. a URL and headers above the limit Node reads).
server.on("clientError", (error, socket) => {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const isTooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const message = isTooLarge
    ? `The request's URL and headers are larger than ${Math.round(maxHeaderSize / 1024)} KB, the most this server reads.`
    : "The request is not valid HTTP.";
  const body = JSON.stringify({ error: { code: "BAD_REQUEST", message } });
  const status = isTooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
});

await app.prepare();
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, hostname, resolve);
});
process.stdout.write(`web: ready on http://${hostname ?? "localhost"}:${port}${isDev ? " (development)" : ""}\n`);

// Like `next start`: stop accepting connections, let requests in flight finish, close Next, then exit.
let isStopping = false;
function stop(signal) {
  if (isStopping) return;
  isStopping = true;
  server.close(() => {
    app.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
  server.closeIdleConnections();
  if (isDev) server.closeAllConnections();
  setTimeout(() => process.exit(1), 30_000).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
