"use client";
// The item's checklist: tick (`Done <text>`), rename, move up and down (buttons, so the keyboard
// reorders it), remove, and add at the end (`New checklist entry`, `Add entry`).
import { AddForm, useLineField } from "@/app/_components/LineField";
import { editLost } from "@/lib/client/board-slice";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { selectItem } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppStore } from "@/lib/client/store";
import { type ItemState, TEXT_MAX } from "@/lib/domain";
import { focusSoon } from "../focus";
import { InlineTitle } from "../InlineTitle";
import { useKeptIfItemGoes } from "./lost-with-item";
import { unsentText, useKeptUnsent } from "./unsent";

const entryButton = (entryId: string, what: "up" | "down" | "remove") => `entry-${what}-${entryId}`;

export function Checklist({ item }: { item: ItemState }) {
  const dispatch = useAppDispatch();
  const { checklist, itemId } = item;
  const field = useLineField({
    initial: unsentText(`entry:${itemId}`),
    max: TEXT_MAX.checklistEntry,
    what: "the entry",
  });
  useKeptUnsent(`entry:${itemId}`, field.value);
  const done = checklist.filter((entry) => entry.done).length;
  const store = useAppStore();
  useKeptIfItemGoes(
    item,
    () => field.value,
    (title) =>
      `Item “${title}” was removed by someone else while you were writing a checklist entry; it was not added.`,
  );

  const add = (event: React.FormEvent) => {
    event.preventDefault();
    const text = field.take();
    if (text === undefined) return;
    dispatch(issue({ commandId: newCommandId(), type: "addChecklistEntry", itemId, entryId: newEntityId(), text }));
    field.reset();
  };
  const move = (index: number, by: -1 | 1) => {
    const entry = checklist[index];
    const others = checklist.filter((other) => other.entryId !== entry.entryId);
    const target = index + by; // its index among the others
    const afterEntryId = target <= 0 ? null : others[target - 1].entryId;
    dispatch(
      issue({ commandId: newCommandId(), type: "moveChecklistEntry", itemId, entryId: entry.entryId, afterEntryId }),
    );
    // The entry's element moves: its button keeps the focus (or the other one at an end).
    focusSoon(
      entryButton(entry.entryId, by === 1 ? "down" : "up"),
      entryButton(entry.entryId, by === 1 ? "up" : "down"),
    );
  };

  return (
    <section className="item-part checklist" aria-label="Checklist">
      <h3>
        Checklist{" "}
        {checklist.length > 0 ? (
          <span className="muted">
            {done} of {checklist.length} done
          </span>
        ) : null}
      </h3>
      {checklist.length > 0 ? (
        <progress max={checklist.length} value={done} aria-label={`Checklist: ${done} of ${checklist.length} done`} />
      ) : null}
      <ul className="checklist-entries">
        {checklist.map((entry, index) => (
          <li key={entry.entryId} className={entry.done ? "done" : undefined}>
            <label className="check-target">
              <input
                type="checkbox"
                checked={entry.done}
                aria-label={`Done ${entry.text}`}
                onChange={() =>
                  dispatch(
                    issue({
                      commandId: newCommandId(),
                      type: entry.done ? "uncheckChecklistEntry" : "checkChecklistEntry",
                      itemId,
                      entryId: entry.entryId,
                    }),
                  )
                }
              />
            </label>
            <InlineTitle
              title={entry.text}
              className="entry-text"
              max={TEXT_MAX.checklistEntry}
              renameLabel={`Edit ${entry.text}`}
              fieldLabel={`Text of ${entry.text}`}
              onEditLost={(draft) => {
                const still = selectItem(store.getState(), itemId) !== undefined;
                const message = still
                  ? `Checklist entry “${entry.text}” was removed by someone else while you were editing it; your text was not saved.`
                  : `Item “${item.title}” was removed by someone else while you were editing its checklist entry “${entry.text}”; your text was not saved.`;
                dispatch(editLost({ message, draft, itemId }));
              }}
              onRename={(text) =>
                dispatch(
                  issue({
                    commandId: newCommandId(),
                    type: "editChecklistEntry",
                    itemId,
                    entryId: entry.entryId,
                    text,
                  }),
                )
              }
            />
            <button
              type="button"
              id={entryButton(entry.entryId, "up")}
              className="icon"
              aria-label={`Move ${entry.text} up`}
              title="Move up"
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              <span aria-hidden="true">↑</span>
            </button>
            <button
              type="button"
              id={entryButton(entry.entryId, "down")}
              className="icon"
              aria-label={`Move ${entry.text} down`}
              title="Move down"
              disabled={index === checklist.length - 1}
              onClick={() => move(index, 1)}
            >
              <span aria-hidden="true">↓</span>
            </button>
            <button
              type="button"
              id={entryButton(entry.entryId, "remove")}
              className="icon danger"
              aria-label={`Remove ${entry.text}`}
              title="Remove entry"
              onClick={() => {
                const neighbour = checklist[index + 1] ?? checklist[index - 1];
                dispatch(
                  issue({ commandId: newCommandId(), type: "removeChecklistEntry", itemId, entryId: entry.entryId }),
                );
                focusSoon(neighbour ? entryButton(neighbour.entryId, "remove") : newEntryFieldId(itemId));
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <AddForm
        className="add-entry"
        fieldId={newEntryFieldId(itemId)}
        label="New checklist entry"
        button="Add entry"
        field={field}
        onSubmit={add}
      />
    </section>
  );
}

const newEntryFieldId = (itemId: string) => `new-entry-${itemId}`;
