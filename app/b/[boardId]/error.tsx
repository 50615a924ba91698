"use client";
// A failure while rendering the board: say so in words and offer to try again, never a stack trace.
import Link from "next/link";

export default function BoardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="board-page">
      <h1>This board could not be shown</h1>
      <p role="alert">Something went wrong while loading it. Your changes on this device are kept.</p>
      <p className="row">
        <button type="button" onClick={reset}>
          Try again
        </button>{" "}
        <Link href="/">All boards</Link>
      </p>
    </main>
  );
}
