"use client";
// Search and quick filters over the board's items. Items that do not match are hidden, a status
// says how many are shown, and the filter is kept in the address (replaced, not pushed: typing is
// not history). Escape in the search field clears it; `/` (a shortcut) focuses it.
import { useId } from "react";
import { type BoardFilter, isFiltering, NO_FILTER } from "@/lib/client/filter";
import { selectLabels, selectMe, selectMembers } from "@/lib/client/selectors";
import { useAppSelector } from "@/lib/client/store";

export const SEARCH_FIELD_ID = "search-items";

export function FilterBar({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: BoardFilter;
  onChange(filter: BoardFilter): void;
  shown: number;
  total: number;
}) {
  const labels = useAppSelector(selectLabels);
  const members = useAppSelector(selectMembers);
  const me = useAppSelector(selectMe);
  const id = useId();
  const filtering = isFiltering(filter);
  return (
    <search className="filter-bar">
      <input
        type="search"
        id={SEARCH_FIELD_ID}
        aria-label="Search items"
        placeholder="Search items"
        value={filter.q}
        onChange={(event) => onChange({ ...filter, q: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === "Escape" && filter.q !== "") {
            event.preventDefault();
            onChange({ ...filter, q: "" });
          }
        }}
      />
      <select
        aria-label="Label"
        value={filter.label ?? ""}
        onChange={(event) => onChange({ ...filter, label: event.target.value || null })}
      >
        <option value="">Any label</option>
        {labels.map((label) => (
          <option key={label.labelId} value={label.labelId}>
            {label.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Person"
        value={filter.member ?? ""}
        onChange={(event) => onChange({ ...filter, member: event.target.value || null })}
      >
        <option value="">Anyone</option>
        {members.map((member) => (
          <option key={member.memberId} value={member.memberId}>
            {member.name}
            {member.memberId === me?.id ? " (you)" : ""}
          </option>
        ))}
      </select>
      <label className="filter-check" htmlFor={`${id}-mine`}>
        <input
          id={`${id}-mine`}
          type="checkbox"
          checked={filter.mine}
          disabled={me === null}
          onChange={(event) => onChange({ ...filter, mine: event.target.checked })}
        />
        Mine
      </label>
      <select
        aria-label="Due"
        value={filter.due ?? ""}
        onChange={(event) =>
          onChange({ ...filter, due: event.target.value === "" ? null : (event.target.value as BoardFilter["due"]) })
        }
      >
        <option value="">Any due date</option>
        <option value="overdue">Overdue</option>
        <option value="week">Due this week</option>
      </select>
      {filtering ? (
        <>
          <p role="status" className="filter-status">
            Showing {shown.toLocaleString("en-US")} of {total.toLocaleString("en-US")} items
          </p>
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              onChange(NO_FILTER);
              // The button goes with the filter: the focus stays in the bar, where the search starts again.
              document.getElementById(SEARCH_FIELD_ID)?.focus();
            }}
          >
            Clear filters
          </button>
        </>
      ) : null}
    </search>
  );
}
