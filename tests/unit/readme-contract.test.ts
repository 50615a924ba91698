// The README states the command contract for users (its "HTTP API" section): the commands table and
// the rejection codes with their statuses are read from it here and held against the code, so that
// neither can change without the other.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commandSchema } from "@/lib/domain";
import { STATUS } from "@/lib/server/errors";

const README = readFileSync(path.join(__dirname, "../../README.md"), "utf8");

describe("the README's HTTP API section", () => {
  it("lists every command the server takes in its commands table, and no other", () => {
    const table = README.slice(README.indexOf("| command "), README.indexOf("`color` is one of"));
    const listed = table
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...line.split("|")[1].matchAll(/`(\w+)`/g)].map((match) => match[1]));
    const taken = commandSchema.options.map((option) => option.shape.type.value);
    expect(new Set(listed)).toEqual(new Set(taken));
    expect(listed).toHaveLength(taken.length);
  });

  it("names every rejection code with the status it is answered with", () => {
    const start = README.indexOf('A rejection is `{ status: "rejected"');
    const paragraph = README.slice(start, README.indexOf("\n\n", start));
    const listed = Object.fromEntries(
      [...paragraph.matchAll(/`(\w+)`\s+\((\d{3})/g)].map((match) => [match[1], Number(match[2])]),
    );
    expect(listed).toEqual(STATUS);
  });
});
