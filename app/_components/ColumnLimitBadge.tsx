// A column's work-in-progress limit in its heading: `3 / 5`, and `Over limit` in words and colour
// when it holds more (the board page, the read-only page and the history alike).

export function ColumnLimitBadge({ count, limit }: { count: number; limit: number | null }) {
  if (limit === null) return null;
  const over = count > limit;
  return (
    <span className={over ? "column-limit over" : "column-limit"}>
      <span aria-hidden="true">
        {count} / {limit}
      </span>
      <span className="visually-hidden">
        {count} of at most {limit} {limit === 1 ? "item" : "items"}
      </span>
      {over ? <strong className="over-limit"> Over limit</strong> : null}
    </span>
  );
}
