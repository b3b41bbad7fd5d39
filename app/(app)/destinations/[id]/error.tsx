"use client";

export default function DestinationError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card" role="alert">
      <h1 className="card-title">This destination could not be shown</h1>
      <p className="card-description">
        Something went wrong while loading it{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it
        keeps failing, check that Flowgate&apos;s database is reachable.
      </p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
