// Shared by the web server entry (scripts/web-server.mjs, plain Node) and server/net/client-ip.ts.
// Next.js route handlers cannot see the TCP peer, and `next start` only fills X-Forwarded-For when the client sent
// none, so our server entry writes the peer into a header of its own, always overwriting what the client sent.
// A client can send that header too (a bare `next start` passes it through untouched), so the value carries a random
// token made per process by the server entry; client-ip.ts believes the header only when the token matches.
import { randomBytes } from "node:crypto";

/** The request header that carries the TCP peer address, set by the web server entry on every request. */
export const PEER_ADDRESS_HEADER = "x-baton-peer-address";

/** The environment variable through which the web server entry hands its token to the app in the same process. */
export const PEER_TOKEN_ENV = "BATON_PEER_TOKEN";

/** Makes a fresh random token for this process and puts it in the environment (always replacing an inherited one). */
export function createPeerToken() {
  const token = randomBytes(32).toString("base64url");
  process.env[PEER_TOKEN_ENV] = token;
  return token;
}

/**
 * Replaces any client-sent value of PEER_ADDRESS_HEADER with `<token> <socket's remote address>`.
 * @param {import("node:http").IncomingMessage} req
 * @param {string} token
 */
export function stampPeerAddress(req, token) {
  req.headers[PEER_ADDRESS_HEADER] = `${token} ${req.socket.remoteAddress ?? ""}`;
}
