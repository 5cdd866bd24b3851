import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The dev indicator would sit on top of the user menu.
  devIndicators: { position: "bottom-right" },
  // forbidden() renders app/forbidden.tsx with HTTP 403 for people without the right role.
  experimental: { authInterrupts: true },
  // Server-only packages with native or worker code stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pino", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "gpt-tokenizer"],
};

export default nextConfig;
