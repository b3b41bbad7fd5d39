export default function Loading() {
  return (
    <div className="card" aria-busy="true">
      <p className="muted">Loading the destination…</p>
    </div>
  );
}
