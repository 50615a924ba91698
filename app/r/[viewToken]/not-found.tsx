import Link from "next/link";

export default function SharedNotFound() {
  return (
    <main className="landing">
      <h1>This link does not work</h1>
      <p>
        The read-only link you opened does not exist, or its owner replaced it with a new one. Ask the person who shared
        it for the current link.
      </p>
      <p>
        <Link href="/">Go to Driftless</Link>
      </p>
    </main>
  );
}
