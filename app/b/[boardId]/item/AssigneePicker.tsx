"use client";
// The people on the item: a checkbox per member of the board, named by their name.
import { initials } from "@/app/_components/ItemBadges";
import { newCommandId } from "@/lib/client/ids";
import { selectMe, selectMembers } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector } from "@/lib/client/store";
import type { ItemState } from "@/lib/domain";

export function AssigneePicker({ item }: { item: ItemState }) {
  const members = useAppSelector(selectMembers);
  const me = useAppSelector(selectMe);
  const dispatch = useAppDispatch();
  return (
    <fieldset className="item-part">
      <legend>Assignees</legend>
      {members.length === 0 ? (
        <p className="muted">People appear here once they have changed something on this board.</p>
      ) : null}
      <ul className="choices">
        {members.map((member) => {
          const on = item.assignees.includes(member.memberId);
          return (
            <li key={member.memberId}>
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  aria-label={member.name}
                  onChange={() =>
                    dispatch(
                      issue({
                        commandId: newCommandId(),
                        type: on ? "unassignItem" : "assignItem",
                        itemId: item.itemId,
                        memberId: member.memberId,
                      }),
                    )
                  }
                />
                <span className="initials" aria-hidden="true">
                  {initials(member.name)}
                </span>
                <span aria-hidden="true">
                  {member.name}
                  {me?.id === member.memberId ? " (you)" : ""}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
