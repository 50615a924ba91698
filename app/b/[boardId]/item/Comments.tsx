"use client";
// The item's discussion, oldest first with the newest at the bottom: who wrote each comment and
// when, its text with line breaks and links; the author may edit or remove their own.
import { useId, useRef, useState } from "react";
import { FormattedText } from "@/app/_components/FormattedText";
import { moment } from "@/app/_components/when";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { selectMe } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector } from "@/lib/client/store";
import { characters } from "@/lib/client/text-limits";
import { type CommentState, type ItemState, TEXT_MAX } from "@/lib/domain";
import { focusSoon, useFocusBack } from "../focus";
import { commentNames } from "./comment-names";
import { useKeptIfItemGoes } from "./lost-with-item";
import { unsentText, useKeptUnsent } from "./unsent";

function CommentText({
  value,
  onChange,
  label,
  id,
  editing = false,
  onCancel,
}: {
  value: string;
  onChange(value: string): void;
  label: string;
  id: string;
  /** An existing comment's text: the field takes the focus, and Escape cancels the edit. */
  editing?: boolean;
  onCancel?(): void;
}) {
  const count = characters(value);
  const over = count > TEXT_MAX.comment;
  const caretPlaced = useRef(false);
  return (
    <>
      <textarea
        id={id}
        rows={3}
        aria-label={label}
        value={value}
        aria-invalid={over || undefined}
        aria-describedby={`${id}-count`}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this comment
        autoFocus={editing}
        onFocus={(event) => {
          // Editing starts where the comment ends, not before its first word.
          if (!editing || caretPlaced.current) return;
          caretPlaced.current = true;
          event.currentTarget.setSelectionRange(value.length, value.length);
        }}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Escape cancels the edit, not the whole dialog (and what else it holds).
          if (editing && event.key === "Escape") {
            event.preventDefault();
            event.stopPropagation();
            onCancel?.();
          }
        }}
      />
      <span id={`${id}-count`} className={over ? "field-message problem" : "field-message"} aria-live="polite">
        {over
          ? `The comment is ${count.toLocaleString("en-US")} characters; the most is ${TEXT_MAX.comment.toLocaleString("en-US")}. Shorten it to send.`
          : ""}
      </span>
    </>
  );
}

const sendable = (text: string) => text.trim() !== "" && characters(text) <= TEXT_MAX.comment;

const removeButtonId = (commentId: string) => `remove-comment-${commentId}`;

function Comment({
  item,
  comment,
  mine,
  name,
  focusAfterRemoval,
}: {
  item: ItemState;
  comment: CommentState;
  mine: boolean;
  name: string;
  /** Where the focus goes once this comment is removed (the first of them there). */
  focusAfterRemoval: readonly string[];
}) {
  const dispatch = useAppDispatch();
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  useKeptIfItemGoes(
    item,
    () => (editing !== null && editing.trim() !== comment.text ? editing : undefined),
    (title) =>
      `Item “${title}” was removed by someone else while you were editing your comment; your text was not saved.`,
  );
  // Saved or cancelled, the focus goes back to Edit.
  const back = useFocusBack<HTMLButtonElement>(editing !== null);
  const stopEditing = () => {
    back.returnFocus();
    setEditing(null);
  };
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author.name}</strong>{" "}
        <time dateTime={comment.at} className="muted">
          {moment(comment.at)}
        </time>
        {comment.edited ? <span className="muted"> (edited)</span> : null}
      </p>
      {editing === null ? (
        <FormattedText text={comment.text} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!sendable(editing)) return;
            if (editing.trim() !== comment.text) {
              dispatch(
                issue({ commandId: newCommandId(), type: "editComment", commentId: comment.commentId, text: editing }),
              );
            }
            stopEditing();
          }}
        >
          <CommentText
            id={id}
            label="Edit comment"
            value={editing}
            onChange={setEditing}
            editing
            onCancel={stopEditing}
          />
          <button type="submit">Save comment</button>{" "}
          <button type="button" className="secondary" onClick={stopEditing}>
            Cancel
          </button>
        </form>
      )}
      {mine && editing === null ? (
        <p className="comment-tools">
          <button ref={back.target} type="button" className="secondary small" onClick={() => setEditing(comment.text)}>
            Edit<span className="visually-hidden"> {name}</span>
          </button>{" "}
          <button
            type="button"
            id={removeButtonId(comment.commentId)}
            className="secondary small"
            onClick={() => {
              if (!window.confirm("Remove your comment?")) return;
              dispatch(issue({ commandId: newCommandId(), type: "removeComment", commentId: comment.commentId }));
              focusSoon(...focusAfterRemoval);
            }}
          >
            Remove<span className="visually-hidden"> {name}</span>
          </button>
        </p>
      ) : null}
    </li>
  );
}

export function Comments({ item }: { item: ItemState }) {
  const dispatch = useAppDispatch();
  const me = useAppSelector(selectMe);
  const [draft, setDraft] = useState(() => unsentText(`comment:${item.itemId}`));
  useKeptUnsent(`comment:${item.itemId}`, draft);
  const id = useId();
  useKeptIfItemGoes(
    item,
    () => draft,
    (title) => `Item “${title}” was removed by someone else while you were writing a comment; it was not sent.`,
  );
  const mine = (comment: CommentState) => me !== null && comment.author.id === me.id;
  const own = item.comments.filter(mine);
  const names = commentNames(own, moment);
  // A removed comment hands the focus to the next of this person's own (the one before, at the
  // end), else to New comment: never to the page's body or the dialog's Close.
  const focusAfterRemoval = (comment: CommentState) => {
    const at = own.indexOf(comment);
    const neighbours = [own[at + 1], own[at - 1]].filter((other) => other !== undefined);
    return [...neighbours.map((other) => removeButtonId(other.commentId)), `${id}-new`];
  };
  return (
    <section className="item-part comments" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        Comments {item.comments.length > 0 ? <span className="muted">({item.comments.length})</span> : null}
      </h3>
      {item.comments.length === 0 ? <p className="muted">No comments yet.</p> : null}
      <ol className="comment-list">
        {item.comments.map((comment) => (
          <Comment
            key={comment.commentId}
            item={item}
            comment={comment}
            mine={mine(comment)}
            name={names.get(comment.commentId) ?? ""}
            focusAfterRemoval={focusAfterRemoval(comment)}
          />
        ))}
      </ol>
      <form
        className="add-comment"
        onSubmit={(event) => {
          event.preventDefault();
          if (!sendable(draft)) return;
          dispatch(
            issue({
              commandId: newCommandId(),
              type: "commentOnItem",
              itemId: item.itemId,
              commentId: newEntityId(),
              text: draft,
            }),
          );
          setDraft("");
        }}
      >
        <CommentText id={`${id}-new`} label="New comment" value={draft} onChange={setDraft} />
        <button type="submit">Comment</button>
      </form>
    </section>
  );
}
