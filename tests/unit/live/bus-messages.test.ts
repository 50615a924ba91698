import { describe, expect, it } from "vitest";
import { boardChannel, boardOfChannel, decodeMessage, encodeMessage } from "@/lib/server/live/bus-messages";

describe("bus messages", () => {
  it("name a board's channel and find the board again from it", () => {
    expect(boardOfChannel(boardChannel("abc"))).toBe("abc");
    expect(boardOfChannel("someone-else:abc")).toBeUndefined();
  });

  it("carry one kind and its value, as the JSON object with that one key", () => {
    const text = encodeMessage("events", JSON.stringify([{ version: 1 }]));
    expect(JSON.parse(text)).toEqual({ events: [{ version: 1 }] });
    expect(decodeMessage(text)).toEqual({ kind: "events", value: [{ version: 1 }] });
    // The message a test or an older instance writes by hand reads the same.
    expect(decodeMessage(JSON.stringify({ revoked: "hash" }))).toEqual({ kind: "revoked", value: "hash" });
  });

  it("refuse what is not one object with one key", () => {
    for (const text of ["not json", "[]", "null", "3", "{}", '{"events":[],"revoked":"x"}'])
      expect(decodeMessage(text)).toBeUndefined();
  });
});
