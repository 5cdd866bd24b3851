// Shared by the web server entry (scripts/web-server.mjs, plain Node) and server/net/client-ip.ts.
// Next.js route handlers cannot see the TCP peer, and `next start` only fills X-Forwarded-For when the client sent
// none, so our server entry writes the peer into a header of its own, always overwriting what the client sent.

/** The request header that carries the TCP peer address, set by the web server entry on every request. */
export const PEER_ADDRESS_HEADER = "x-baton-peer-address";

/**
 * Replaces any client-sent value of PEER_ADDRESS_HEADER with the socket's remote address.
 * @param {import("node:http").IncomingMessage} req
 */
export function stampPeerAddress(req) {
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
}
