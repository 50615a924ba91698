// Client-made ids. `crypto.randomUUID` exists only in secure contexts (not on http://192.168…),
// so the UUID is built from `getRandomValues`, which exists everywhere.
import { nanoid } from "@reduxjs/toolkit";

export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A board id made here (a board created offline): 128 random bits in base64url, 22 characters. */
export function newBoardId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** A column or item id: 21 url-safe characters, as the contract allows. */
export function newEntityId(): string {
  return nanoid();
}
