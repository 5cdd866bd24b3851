// Creating a policy: a name, a description and a scope. It starts with no version and no draft, so it enforces
// nothing until a draft is saved and published.
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { TPrincipal } from "../auth/permissions";
import { AppError, parseOrThrow } from "../errors";
import { invalidateActivePolicies } from "./active-policies";
import { assertPolicyAccess } from "./policy-access";
import { auditPolicy } from "./policy-audit";
import { policyDetail } from "./get-policy";
import type { TPolicyDetail } from "./policy-detail.shared";
import { ZCreatePolicy } from "./policy-inputs";
import { resolveScopeTarget, scopeColumns } from "./policy-scope-target";

export function nameTaken(name: string): AppError {
  return new AppError("CONFLICT", `A policy named "${name}" already exists: policy names are unique across the organisation.`, {
    issues: [{ path: "name", message: "Another policy has this name" }],
  });
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createPolicy(db: TDb, principal: TPrincipal, raw: unknown): Promise<TPolicyDetail> {
  const input = parseOrThrow(ZCreatePolicy, raw);
  const target = await resolveScopeTarget(db, principal, input.scope);
  assertPolicyAccess(principal, { teamId: target.teamId, teamName: target.teamName }, "policy:write");
  let id: string;
  try {
    id = await db.$transaction(async (tx) => {
      const policy = await tx.policy.create({
        data: {
          name: input.name,
          description: input.description,
          ...scopeColumns(target),
          createdById: principal.id,
          updatedById: principal.id,
        },
      });
      const after = { name: policy.name, description: policy.description, scope: target.scope, teamId: target.teamId, isEnabled: policy.isEnabled };
      await auditPolicy(tx, principal, "policy.created", policy, { before: null, after });
      return policy.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
  invalidateActivePolicies(db);
  return policyDetail(db, principal, id);
}
