import type { NextConfig } from "next";
import { securityHeaders } from "./server/http/security-headers";

// Static files never pass through proxy.ts (see its matcher), so their security headers are set here, from the same
// rule. These are fixed at build time: no HSTS here (it depends on NEXTAUTH_URL at run time; the pages send it).
const STATIC_HEADERS = Object.entries(securityHeaders("other", { isHttps: false })).map(([key, value]) => ({ key, value }));
const STATIC_SOURCES = ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/icon.svg", "/brand/:path*"];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The dev indicator would sit on top of the user menu.
  devIndicators: { position: "bottom-right" },
  // forbidden() renders app/forbidden.tsx with HTTP 403 for people without the right role.
  experimental: { authInterrupts: true },
  headers: async () => STATIC_SOURCES.map((source) => ({ source, headers: STATIC_HEADERS })),
  // Server-only packages with native or worker code stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pino", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "gpt-tokenizer"],
};

export default nextConfig;
