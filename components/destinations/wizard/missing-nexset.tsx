import Link from "next/link";

export function MissingNexset() {
  return (
    <div className="card empty-state">
      <div className="empty-state-icon" aria-hidden>
        ⇢
      </div>
      <h2>Start from a Nexset</h2>
      <p>
        A destination sends one Nexset&apos;s records. Open a Nexset (from a flow) and choose “Send to Destination”.
      </p>
      <p style={{ marginTop: 16 }}>
        <Link className="btn" href="/flows">
          Go to flows
        </Link>
      </p>
    </div>
  );
}
