// Every test file gets its own Redis key prefix, its own random secrets, and never the development database.
import { randomBytes } from "node:crypto";

process.env.REDIS_PREFIX = `baton-test-${randomBytes(4).toString("hex")}`;
process.env.REDIS_URL ??= "redis://127.0.0.1:6379/0";
process.env.LOG_LEVEL ??= "silent";
process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/baton_test_must_create_its_own_db";
process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
process.env.BATON_SECRET_KEY = randomBytes(32).toString("base64url");
// The demo users' password for seeded test databases: set explicitly, as the seed refuses to run without one.
process.env.BATON_DEMO_PASSWORD = "baton-demo";
