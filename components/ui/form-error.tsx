import type { CSSProperties } from "react";

/** A form's error that belongs to no field (the server's refusal, a failed request); nothing when there is none. */
export function FormError({ message, style }: { message: string | undefined; style?: CSSProperties }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert" style={style}>
      {message}
    </div>
  );
}
