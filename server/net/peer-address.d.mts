import type { IncomingMessage } from "node:http";

export declare const PEER_ADDRESS_HEADER: "x-baton-peer-address";
export declare const PEER_TOKEN_ENV: "BATON_PEER_TOKEN";
export declare function createPeerToken(): string;
export declare function stampPeerAddress(req: IncomingMessage, token: string): void;
