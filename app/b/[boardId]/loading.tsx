export default function Loading() {
  return (
    <main className="board-page">
      <p role="status" className="status connecting">
        Loading the board…
      </p>
    </main>
  );
}
