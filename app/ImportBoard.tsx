"use client";
// The start page's import (README, "Moving a board"): a file field, the phase in words and as a
// progress bar while it runs, then what was imported and a link to the new board. The one
// role="status" of the start page is here.
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { addRecentBoard } from "@/lib/client/device";
import { megabytes, notes, readText, recognise, sendImport, summary } from "@/lib/client/import-file";
import { IMPORT_BODY_LIMIT, type ImportAnswer } from "@/lib/domain/import/answer";

type Phase =
  | { readonly step: "idle" }
  /** `done` of `total`: bytes read from the disk, or sent to the server. */
  | { readonly step: "reading" | "sending"; readonly done: number; readonly total: number; readonly what?: string }
  | { readonly step: "server"; readonly what: string }
  | { readonly step: "imported"; readonly answer: ImportAnswer }
  | { readonly step: "refused"; readonly reason: string };

function words(phase: Phase, name: string): string {
  switch (phase.step) {
    case "idle":
      return "";
    case "reading":
      return `Reading “${name}”: ${megabytes(phase.done)} of ${megabytes(phase.total)}…`;
    case "sending":
      return `Checked: ${phase.what}. Sending it to the server: ${megabytes(phase.done)} of ${megabytes(phase.total)}…`;
    case "server":
      return `The server is checking ${phase.what} and writing the board (this step reports no progress)…`;
    case "imported":
      return `Imported “${phase.answer.title}”: ${summary(phase.answer)}.`;
    case "refused":
      return `“${name}” was not imported.`;
  }
}

export function ImportBoard() {
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [name, setName] = useState("");
  const busy = phase.step === "reading" || phase.step === "sending" || phase.step === "server";
  // The file field is disabled while an import runs, which drops the focus: once it ends, the
  // focus goes on to the new board's link, or back to the field after a refusal.
  useEffect(() => {
    if (phase.step === "imported") document.getElementById(`${id}-open`)?.focus();
    else if (phase.step === "refused") document.getElementById(`${id}-file`)?.focus();
  }, [phase.step, id]);

  const start = async (file: File) => {
    setName(file.name);
    if (file.size > IMPORT_BODY_LIMIT) {
      setPhase({
        step: "refused",
        reason: `This file is ${megabytes(file.size)}; an import takes at most ${megabytes(IMPORT_BODY_LIMIT)}.`,
      });
      return;
    }
    setPhase({ step: "reading", done: 0, total: file.size });
    let text: string;
    try {
      text = await readText(file, (done, total) => setPhase({ step: "reading", done, total }));
    } catch (error) {
      setPhase({ step: "refused", reason: (error as Error).message });
      return;
    }
    // Checking here catches a file that is not JSON at all before it is sent; everything else is
    // checked by the server, which decides the whole file before it writes anything.
    const recognised = recognise(text);
    if (!recognised.ok) {
      setPhase({ step: "refused", reason: recognised.reason });
      return;
    }
    const { what } = recognised;
    setPhase({ step: "sending", done: 0, total: file.size, what });
    const sent = await sendImport(text, {
      onSent: (done, total) => setPhase({ step: "sending", done, total, what }),
      onWaiting: () => setPhase({ step: "server", what }),
    });
    if (!sent.ok) {
      setPhase({ step: "refused", reason: sent.reason });
      return;
    }
    addRecentBoard(sent.answer.boardId, sent.answer.title);
    setPhase({ step: "imported", answer: sent.answer });
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="import-board">
      <h2 id={`${id}-heading`}>Bring a board here</h2>
      <p id={`${id}-help`} className="muted">
        A Driftless export (<code>.driftless.json</code>) or a Trello board exported as JSON, up to 20 MB.
      </p>
      <label htmlFor={`${id}-file`}>Import a board</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".json,application/json"
        aria-describedby={`${id}-help`}
        disabled={busy}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // The same file can be chosen again after a refusal (a change event needs a new value).
          event.currentTarget.value = "";
          if (file) void start(file);
        }}
      />
      <p role="status" className="import-phase">
        {words(phase, name)}
      </p>
      {busy ? (
        <progress
          aria-label="Import progress"
          max={phase.step === "server" ? undefined : phase.total || 1}
          value={phase.step === "server" ? undefined : phase.done}
        />
      ) : null}
      {phase.step === "refused" ? (
        <p role="alert" className="error">
          {phase.reason}
        </p>
      ) : null}
      {phase.step === "imported" ? <Imported answer={phase.answer} linkId={`${id}-open`} /> : null}
    </section>
  );
}

function Imported({ answer, linkId }: { answer: ImportAnswer; linkId: string }) {
  const said = notes(answer);
  return (
    <div className="import-done">
      <p>
        <Link id={linkId} href={`/b/${answer.boardId}`}>
          Open “{answer.title}”
        </Link>
      </p>
      {said.length > 0 ? (
        <ul aria-label="What was not imported as it was">
          {said.map((note, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is made once and never reordered
            <li key={index}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
