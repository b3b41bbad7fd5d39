"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    try {
      await fetchJson("/api/auth/sign-out", { method: "POST", json: {} });
    } finally {
      // Nothing cached for this user may outlive their session.
      queryClient.clear();
      router.replace("/sign-in");
      router.refresh();
    }
  }

  return (
    <button type="button" className="btn btn-small" onClick={signOut} disabled={pending}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
