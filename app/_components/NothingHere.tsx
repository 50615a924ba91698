import Link from "next/link";

/** What a 404 says, on any address and on a board's. */
export function NothingHere() {
  return (
    <main>
      <h1>Not found</h1>
      <p>There is nothing at this address. The link may be mistyped, or the board may no longer be shared.</p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </main>
  );
}
