"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

export interface OAuthOutcome {
  connected?: string;
  error?: string;
}

/**
 * What the Connect with Intercom callback said when it sent the browser back (`?connected=` or
 * `?oauthError=`), read once; the parameters are then taken out of the address bar so a reload
 * does not replay the message.
 */
export function useOAuthOutcome(onOutcome?: (outcome: OAuthOutcome) => void): OAuthOutcome | undefined {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const connected = params.get("connected") ?? undefined;
  const error = params.get("oauthError") ?? undefined;
  // The callback's redirect is a full page load, so the outcome is in the address at mount.
  const [outcome] = useState<OAuthOutcome | undefined>(() => (connected || error ? { connected, error } : undefined));

  useEffect(() => {
    if (!connected && !error) return;
    onOutcome?.({ connected, error });
    const rest = new URLSearchParams(params);
    rest.delete("connected");
    rest.delete("oauthError");
    router.replace(rest.size ? `${pathname}?${rest.toString()}` : pathname, { scroll: false });
    // Read once per arrival: onOutcome and params are not dependencies on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connected, error]);

  return outcome;
}
