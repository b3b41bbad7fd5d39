/** A colleague's personal connection: whose it is, never its details; it can be kept running, not picked. */
export function PersonalToNotice({ personalTo }: { personalTo: string }) {
  return (
    <div className="alert alert-warning" role="status">
      This destination uses a connection <strong>personal to {personalTo}</strong>: only they can see its details or
      choose it. Delivery keeps running with it. To save changes here, choose one of your connections.
    </div>
  );
}
