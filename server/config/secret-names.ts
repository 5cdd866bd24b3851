// One key per purpose, never shared. A key added here (e.g. an audit MAC key, once something uses one) is generated
// into existing secrets files on the next `npm start` and required of every process.
export const SECRET_PURPOSES = {
  NEXTAUTH_SECRET: "signs session tokens",
  BATON_SECRET_KEY: "encrypts stored credentials",
} as const;
export type TSecretName = keyof typeof SECRET_PURPOSES;
export type TSecrets = Record<TSecretName, string>;
export const SECRET_NAMES = Object.keys(SECRET_PURPOSES) as TSecretName[];

// Not keys: credentials the installation generated for people, kept in the same secrets file so they are as private
// and as durable as the keys. No process needs them to start; only the seed reads them (the demo users' password).
export const GENERATED_CREDENTIAL_PURPOSES = {
  BATON_DEMO_PASSWORD: "password the seed gives the demo users",
} as const;
export type TGeneratedCredentialName = keyof typeof GENERATED_CREDENTIAL_PURPOSES;
export const GENERATED_CREDENTIAL_NAMES = Object.keys(GENERATED_CREDENTIAL_PURPOSES) as TGeneratedCredentialName[];

/** Everything the secrets file holds: the keys first, then the generated credentials. */
export type TStoredName = TSecretName | TGeneratedCredentialName;
export const STORED_NAMES: TStoredName[] = [...SECRET_NAMES, ...GENERATED_CREDENTIAL_NAMES];
