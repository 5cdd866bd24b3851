export { getDb, createDb, type TDb } from "./client";
export { Prisma } from "./generated/client";
export type * from "./generated/models";
export * from "./generated/enums";
