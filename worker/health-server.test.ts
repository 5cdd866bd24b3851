import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { startHealthServer } from "./health-server";

const ok = async () => ({ status: "ok" as const, checks: {} });

/** An IPv4 address of this machine that is not loopback, if it has one. */
function externalIPv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

describe("worker health server", () => {
  it("listens on loopback only by default", async () => {
    const server = await startHealthServer(0, ok);
    try {
      const { address, port } = server.address() as AddressInfo;
      expect(address).toBe("127.0.0.1");
      expect(await canConnect("127.0.0.1", port)).toBe(true);
      const external = externalIPv4();
      if (external) expect(await canConnect(external, port)).toBe(false);
    } finally {
      server.close();
    }
  });

  it("listens where WORKER_HEALTH_HOST says", async () => {
    const server = await startHealthServer(0, ok, "0.0.0.0");
    try {
      expect((server.address() as AddressInfo).address).toBe("0.0.0.0");
    } finally {
      server.close();
    }
  });
});
