import type { ReactNode } from "react";

export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <div className="card auth-card">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          F
        </span>
        Flowgate
      </div>
      <h1>{title}</h1>
      <p className="card-description">{description}</p>
      {children}
      <p className="auth-switch">{footer}</p>
    </div>
  );
}
