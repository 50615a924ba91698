// Importing a file from the start page, in the phases a person is told about (README, "Moving a
// board"): reading it from the disk (FileReader's progress), checking that it is JSON and what kind
// (here, at once), sending it (XMLHttpRequest's upload progress: fetch reports none), then the
// server's check and write, which reports no progress of its own until it answers.

import { utf16ByMark } from "@/lib/domain/byte-order-mark";
import type { ImportAnswer } from "@/lib/domain/import/answer";

const number = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;
export const megabytes = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;

/** Reads the file as text (see decodeFile), telling how many bytes are read so far. */
export function readText(file: Blob, onProgress: (loaded: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    reader.onload = () => {
      const decoded = decodeFile(new Uint8Array(reader.result as ArrayBuffer));
      if (decoded.ok) resolve(decoded.text);
      else reject(new Error(decoded.reason));
    };
    reader.onerror = () => reject(new Error("The file could not be read from this device."));
    reader.readAsArrayBuffer(file);
  });
}

/**
 * A file's text, whether it was saved as UTF-8 or as UTF-16 (Windows tools write that, with or
 * without a byte order mark): JSON opens with an ASCII character, so UTF-16 shows as a zero byte
 * beside it. What is sent is this text, as UTF-8.
 */
export function decodeFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  try {
    return { ok: true, text: new TextDecoder(encodingOf(bytes), { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      reason: "This file is not text in UTF-8 or UTF-16: choose a Driftless export or a Trello board exported as JSON.",
    };
  }
}

function encodingOf(bytes: Uint8Array): string {
  const marked = utf16ByMark(bytes);
  if (marked) return marked;
  const [a, b, c, d] = bytes;
  if (bytes.length >= 4 && a !== 0 && b === 0 && d === 0) return "utf-16le";
  if (bytes.length >= 4 && a === 0 && c === 0 && b !== 0) return "utf-16be";
  return "utf-8";
}

/** What the file looks like, said in words, or why it cannot be an import at all. */
export function recognise(text: string): { ok: true; what: string } | { ok: false; reason: string } {
  if (text.trim() === "") {
    return { ok: false, reason: "This file is empty: choose a Driftless export or a Trello board exported as JSON." };
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: "This file is not JSON: choose a Driftless export or a Trello board exported as JSON.",
    };
  }
  const value = file as { format?: unknown; events?: unknown; lists?: unknown; cards?: unknown; name?: unknown };
  if (value?.format === "driftless-board") {
    const events = Array.isArray(value.events) ? value.events.length : 0;
    return { ok: true, what: `a Driftless export of ${plural(events, "event")}` };
  }
  if (Array.isArray(value?.lists) && Array.isArray(value?.cards)) {
    return { ok: true, what: `a Trello board with ${plural(value.cards.length, "card")}` };
  }
  return {
    ok: false,
    reason:
      "This file is neither a Driftless export nor a Trello board export (in Trello: the board's menu → Print, export and share → Export as JSON).",
  };
}

export type Sent =
  | { readonly ok: true; readonly answer: ImportAnswer }
  | { readonly ok: false; readonly reason: string };

/**
 * Sends the file's text to POST /api/boards/import. `onSent` tells the bytes sent so far; `onWaiting` is
 * called once everything is sent and the server is checking and writing.
 */
export function sendImport(
  text: string,
  { onSent, onWaiting }: { onSent: (sent: number, total: number) => void; onWaiting: () => void },
): Promise<Sent> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/boards/import");
    request.setRequestHeader("Content-Type", "application/json");
    request.responseType = "text";
    const payload = new Blob([text], { type: "application/json" });
    request.upload.onprogress = (event) => onSent(event.loaded, event.lengthComputable ? event.total : payload.size);
    request.upload.onload = () => onWaiting();
    request.onload = () => {
      let body: { reason?: unknown } | undefined;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status === 201 && body) resolve({ ok: true, answer: body as unknown as ImportAnswer });
      else if (typeof body?.reason === "string") resolve({ ok: false, reason: body.reason });
      else resolve({ ok: false, reason: `The server answered ${request.status}; try again in a moment.` });
    };
    request.onerror = () =>
      resolve({
        ok: false,
        reason: navigator.onLine
          ? "Driftless could not be reached to import the board; try again in a moment."
          : "You are offline: an import is made on the server, so it can be done once the connection returns.",
      });
    request.send(payload);
  });
}

/** "2 columns, 7 items (1 under Removed), 7 labels, 8 checklist entries, 5 comments imported" */
export function summary({ imported, removed }: Pick<ImportAnswer, "imported" | "removed">): string {
  const { columns, items, labels, checklistEntries, comments } = imported;
  const under = (n: number) => (n > 0 ? ` (${number(n)} under Removed)` : "");
  return `${[
    plural(columns, "column") + under(removed.columns),
    plural(items, "item") + under(removed.items),
    plural(labels, "label"),
    plural(checklistEntries, "checklist entry", "checklist entries"),
    plural(comments, "comment"),
  ].join(", ")} imported`;
}

/** What was not brought over as it was, in sentences (empty when everything was). */
export function notes({ shortened, leftOut }: Pick<ImportAnswer, "shortened" | "leftOut">): string[] {
  const said: string[] = [];
  if (leftOut && leftOut.lists > 0) {
    const one = leftOut.lists === 1;
    said.push(
      `${plural(leftOut.lists, "closed list")} ${one ? "was" : "were"} left out, with the ${plural(leftOut.cards, "card")} in ${one ? "it" : "them"}.`,
    );
  }
  if (leftOut && leftOut.checklists > 0) {
    const one = leftOut.checklists === 1;
    said.push(`${plural(leftOut.checklists, "checklist")} on cards not imported ${one ? "was" : "were"} left out.`);
  }
  if (leftOut && leftOut.comments > 0) {
    const one = leftOut.comments === 1;
    said.push(`${plural(leftOut.comments, "comment")} on cards not imported ${one ? "was" : "were"} left out.`);
  }
  for (const { what, where, from, to } of shortened) {
    const whose = where.replace(/^[A-Z]/, (first) => first.toLowerCase());
    said.push(`The ${what} of ${whose} was shortened from ${number(from)} to ${number(to)} characters.`);
  }
  return said;
}
