import Link from "next/link";

export default function DestinationNotFound() {
  return (
    <div className="card empty-state">
      <h1 style={{ margin: "0 0 8px", fontSize: 18 }}>Destination not found</h1>
      <p>It may have been deleted, or it belongs to another organisation.</p>
      <p style={{ marginTop: 16 }}>
        <Link className="btn" href="/flows">
          Back to flows
        </Link>
      </p>
    </div>
  );
}
