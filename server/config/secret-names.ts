// One key per purpose, never shared. A key added here (e.g. an audit MAC key, once something uses one) is generated
// into existing secrets files on the next `npm start` and required of every process.
export const SECRET_PURPOSES = {
  NEXTAUTH_SECRET: "signs session tokens",
  BATON_SECRET_KEY: "encrypts stored credentials",
} as const;
export type TSecretName = keyof typeof SECRET_PURPOSES;
export type TSecrets = Record<TSecretName, string>;
export const SECRET_NAMES = Object.keys(SECRET_PURPOSES) as TSecretName[];
