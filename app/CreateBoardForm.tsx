"use client";
import { useActionState, useSyncExternalStore } from "react";
import { canCreateHere, createBoardHere } from "@/lib/client/offline-creation";
import { TITLE_MAX, titleSchema } from "@/lib/domain";
import { useLineField } from "./_components/LineField";
import { type CreateBoardState, createBoardAction } from "./actions";

const OFFLINE =
  "You are offline, and this page is not ready to work offline yet (it was opened before Driftless was installed on this device): the board can be made once the connection returns. Your title is kept here.";
const UNREACHABLE =
  "Driftless could not be reached to create the board; try again in a moment. Your title is kept here.";

/**
 * The server action, guarded so that a failure to reach the server keeps the person on this page
 * with their title and a sentence, instead of Next's "This page couldn't load" screen. Offline (or
 * with the server down) the board is made on this device and opened, and the server gets it when
 * it answers again.
 */
async function createOrExplain(previous: CreateBoardState, form: FormData): Promise<CreateBoardState> {
  const title = String(form.get("title") ?? "");
  if (!navigator.onLine) return createHere(title, OFFLINE);
  try {
    return await createBoardAction(previous, form);
  } catch (error) {
    // A failed fetch is a TypeError; anything else (the redirect to the new board) is Next's own.
    if (error instanceof TypeError) return createHere(title, navigator.onLine ? UNREACHABLE : OFFLINE);
    throw error;
  }
}

async function createHere(title: string, otherwise: string): Promise<CreateBoardState> {
  if (!canCreateHere()) return { error: otherwise, title };
  const parsed = titleSchema.safeParse(title.trim() === "" ? "Untitled board" : title);
  if (!parsed.success) return { error: otherwise, title };
  try {
    const boardId = await createBoardHere(parsed.data);
    window.location.assign(`/b/${boardId}`);
    return { title };
  } catch {
    return { error: otherwise, title }; // no storage on this device (private mode, full)
  }
}

const NOTHING_YET: CreateBoardState = {};

/** False in the server's HTML and while it hydrates, true once this page's script runs. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

export function CreateBoardForm() {
  // Without JavaScript the form posts to the server action itself: it redirects to the new board,
  // or the page comes back with its refusal (progressive enhancement needs the server action as
  // the form's action, and a guarded client function has none). Once hydrated, createOrExplain.
  const [posted, postAction] = useActionState<CreateBoardState, FormData>(createBoardAction, NOTHING_YET);
  const [guarded, formAction, pending] = useActionState<CreateBoardState, FormData>(createOrExplain, NOTHING_YET);
  const hydrated = useHydrated();
  const state = guarded === NOTHING_YET ? posted : guarded;
  // Controlled, so the title survives a refusal (React resets uncontrolled fields after an action).
  const field = useLineField({ initial: posted.title, max: TITLE_MAX, what: "the title" });
  return (
    <form
      action={hydrated ? formAction : postAction}
      className="create-board"
      onSubmit={(event) => {
        // An empty title makes an "Untitled board"; one the server would refuse is explained here.
        if (field.value.trim() !== "" && field.take() === undefined) event.preventDefault();
      }}
    >
      <label htmlFor="board-title">Board title</label>
      <div className="row">
        <input
          id="board-title"
          name="title"
          type="text"
          placeholder="e.g. Sprint 12"
          autoComplete="off"
          {...field.inputProps}
          aria-describedby={
            state.error ? `${field.inputProps["aria-describedby"]} create-error` : field.inputProps["aria-describedby"]
          }
          // A refusal the server sent back in the page (no JavaScript) is read out from the field.
          // biome-ignore lint/a11y/noAutofocus: only on that page, which the person just submitted
          autoFocus={Boolean(posted.error)}
        />
        <button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create board"}
        </button>
      </div>
      {field.message}
      {state.error ? (
        <p id="create-error" role="alert" className="error">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
