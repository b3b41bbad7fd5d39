"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { signInSchema, type SignInInput } from "@/lib/auth/schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { TextField } from "@/components/ui/text-field";
import { isServerRoute } from "@/lib/auth/next-path";
import { AuthCard } from "./auth-card";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { FormError } from "@/components/ui/form-error";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await fetchJson("/api/auth/sign-in/email", { method: "POST", json: values });
      if (isServerRoute(next)) {
        // Connect with Intercom's callback is a route handler, not a page: the browser itself goes
        // there (a client-side navigation would fetch it once more and spend its single-use state).
        window.location.assign(next);
        return;
      }
      router.replace(next);
      router.refresh();
    } catch (error) {
      // Wrong credentials and throttling both belong above the form, not on one field.
      applyServerErrors(error, [], form.setError);
    }
  });

  return (
    <AuthCard
      title="Sign in"
      description="Welcome back. Sign in to manage your flows."
      footer={
        <>
          New to Flowgate? <Link href="/sign-up">Create an organisation</Link>
        </>
      }
    >
      <form className="form-stack" onSubmit={onSubmit} noValidate>
        <FormError message={errors.root?.message} />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          registration={form.register("email")}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          registration={form.register("password")}
          error={errors.password}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={isSubmitting}>
          {isSubmitting ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthCard>
  );
}
