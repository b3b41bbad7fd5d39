import { z } from "zod";

// One schema per form: the sign-up/sign-in pages validate with these through zodResolver and the
// route handlers parse with the very same objects (HOUSE-STYLE 3).

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** Largest body the public sign-in and sign-up routes read: a form of a few short fields. */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters, using at least two of: lowercase letters, uppercase letters, digits, symbols.`;

/** How many of the four character classes a password uses. */
export function countCharacterClasses(password: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
  return classes.filter((pattern) => pattern.test(password)).length;
}

export const passwordSchema = z
  .string({ error: "Password is required." })
  // abort: a too-short password gets one message, not also the character-class one.
  .min(PASSWORD_MIN_LENGTH, { error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`, abort: true })
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((password) => countCharacterClasses(password) >= 2, {
    message: "Password must mix at least two of: lowercase letters, uppercase letters, digits, symbols.",
  });

export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."));

const displayName = (what: string) =>
  z
    .string({ error: `${what} is required.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(100, `${what} must be at most 100 characters.`);

export const signUpSchema = z.strictObject({
  organisationName: displayName("Company name"),
  name: displayName("Your name"),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.input<typeof signUpSchema>;
export type SignUpData = z.output<typeof signUpSchema>;

// Sign-in checks only the shape: a stored password that predates a stricter rule must still work.
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Password is required." }).min(1, "Password is required.").max(PASSWORD_MAX_LENGTH),
});
export type SignInInput = z.input<typeof signInSchema>;

export const signUpResultSchema = z.object({ userId: z.string(), organisationId: z.string() });
