import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { db as defaultDb, type Db } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { signUpSchema, type SignUpInput } from "./schemas";

export interface SignUpResult {
  userId: string;
  organisationId: string;
}

const emailTaken = () =>
  new DomainError("email_taken", "An account with this email already exists. Sign in instead.", {
    status: 409,
    field: "email",
  });

/**
 * Creates a new organisation and its first user (role owner) with an email+password account, in
 * one transaction: a taken email, a weak password or a malformed input writes nothing.
 * The hash is better-auth's default scrypt, the one its sign-in verifies with (auth.ts does not
 * override the password hasher). The input is parsed again here because scripts call it directly.
 */
export async function signUpWithOrganisation(input: SignUpInput, database: Db = defaultDb()): Promise<SignUpResult> {
  const { organisationName, name, email, password } = parseInput(signUpSchema, input);
  // Checked first for a fast, friendly answer; the unique index below is what guarantees it.
  if (await database.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(password);
  const userId = randomUUID();
  try {
    return await database.$transaction(async (tx) => {
      const organisation = await tx.organisation.create({ data: { name: organisationName }, select: { id: true } });
      await tx.user.create({
        data: { id: userId, name, email, emailVerified: false, role: "owner", organisationId: organisation.id },
      });
      await tx.account.create({
        data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: passwordHash },
      });
      return { userId, organisationId: organisation.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
}
