/** `true` only when A and B are the same union: pins isomorphic constant lists to the Prisma enums at compile time. */
export type TSameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
