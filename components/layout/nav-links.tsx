"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// The app's sections. Feature pages add themselves here.
export const NAV_ITEMS = [
  { href: "/flows", label: "Flows" },
  { href: "/credentials", label: "Credentials" },
  { href: "/settings", label: "Settings" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav className="app-nav" aria-label="Main">
      {NAV_ITEMS.map(({ href, label }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link key={href} href={href} aria-current={current ? "page" : undefined}>
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
