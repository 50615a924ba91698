"use client";
import { useActionState } from "react";
import { type CreateBoardState, createBoardAction } from "./actions";

export function CreateBoardForm() {
  const [state, formAction, pending] = useActionState<CreateBoardState, FormData>(createBoardAction, {});
  return (
    <form action={formAction} className="create-board" aria-describedby={state.error ? "create-error" : undefined}>
      <label htmlFor="board-title">Board title</label>
      <div className="row">
        <input
          id="board-title"
          name="title"
          type="text"
          maxLength={200}
          placeholder="e.g. Sprint 12"
          defaultValue={state.title}
          autoComplete="off"
        />
        <button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create board"}
        </button>
      </div>
      {state.error ? (
        <p id="create-error" role="alert" className="error">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
