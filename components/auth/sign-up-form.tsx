"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { PASSWORD_RULE, signUpResultSchema, signUpSchema, type SignUpData, type SignUpInput } from "@/lib/auth/schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { TextField } from "@/components/ui/text-field";
import { AuthCard } from "./auth-card";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { FormError } from "@/components/ui/form-error";

const FIELDS = ["organisationName", "name", "email", "password"] as const;

export function SignUpForm() {
  const router = useRouter();
  const form = useForm<SignUpInput, unknown, SignUpData>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { organisationName: "", name: "", email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await fetchJson("/api/sign-up", { method: "POST", json: values, schema: signUpResultSchema });
      router.replace("/flows");
      router.refresh();
    } catch (error) {
      applyServerErrors(error, FIELDS, form.setError);
    }
  });

  return (
    <AuthCard
      title="Create your organisation"
      description="You will be its owner. Invite your team later."
      footer={
        <>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </>
      }
    >
      <form className="form-stack" onSubmit={onSubmit} noValidate>
        <FormError message={errors.root?.message} />
        <TextField
          label="Company name"
          autoComplete="organization"
          registration={form.register("organisationName")}
          error={errors.organisationName}
        />
        <TextField label="Your name" autoComplete="name" registration={form.register("name")} error={errors.name} />
        <TextField
          label="Work email"
          type="email"
          autoComplete="email"
          registration={form.register("email")}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          registration={form.register("password")}
          error={errors.password}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create organisation"}
        </button>
      </form>
    </AuthCard>
  );
}
