import Link from "next/link";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({
  organisationName,
  userName,
  userEmail,
}: {
  organisationName: string;
  userName: string;
  userEmail: string;
}) {
  return (
    <header className="app-header">
      <Link href="/flows" className="brand" aria-label="Flowgate home">
        <span className="brand-mark" aria-hidden="true">
          F
        </span>
        Flowgate
      </Link>
      <NavLinks />
      <div className="app-header-account">
        <span title={userEmail}>
          <strong>{organisationName}</strong> · {userName}
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
