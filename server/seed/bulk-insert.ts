import type { Prisma } from "../db/generated/client";

// Bulk inserts for the generated history. Prisma's createMany costs about half a millisecond per row here (the
// query is built in WebAssembly); sending each batch as one JSON parameter and letting Postgres expand it with
// json_populate_recordset is over an order of magnitude faster. Column names are the Prisma field names (the
// schema maps none). The column list is the rows' keys that the table has, so columns the rows leave out get their
// defaults (json_populate_recordset alone would make them NULL).

export type TBulkTable = "Run" | "StepRun" | "Approval" | "MetricBucket" | "UsageEntry";

type TRowOf = {
  Run: Prisma.RunCreateManyInput;
  StepRun: Prisma.StepRunCreateManyInput;
  Approval: Prisma.ApprovalCreateManyInput;
  MetricBucket: Prisma.MetricBucketCreateManyInput;
  UsageEntry: Prisma.UsageEntryCreateManyInput;
};

const BATCH = 2000;

// Decimals serialise as strings through their toJSON and Dates as ISO strings; BigInts need help.
const replacer = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);

async function columnsOf(tx: Prisma.TransactionClient, table: TBulkTable): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT column_name::text AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER'`;
  return new Set(rows.map((r) => r.name));
}

export async function bulkInsert<T extends TBulkTable>(
  tx: Prisma.TransactionClient,
  table: T,
  rows: TRowOf[T][],
  options: { isSkippingConflicts?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const existing = await columnsOf(tx, table);
  const keys = new Set<string>();
  for (const row of rows) for (const [key, value] of Object.entries(row)) if (value !== undefined) keys.add(key);
  // Identifiers come from the table's own catalogue and a closed union of table names, never from input.
  const columns = [...keys]
    .filter((k) => existing.has(k))
    .map((k) => `"${k}"`)
    .join(", ");
  const conflict = options.isSkippingConflicts ? " ON CONFLICT DO NOTHING" : "";
  const sql = `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)${conflict}`;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    inserted += await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + BATCH), replacer));
  }
  return inserted;
}
