import { describe, expect, it } from "vitest";
import { type Command, parseCommand, TEXT_MAX, TITLE_MAX } from "@/lib/domain";
import { COMMAND_ID, DOING, EGGS, expectSentence, MILK, TODO } from "./given";

/** Parses a command that must be valid; `commandId` defaults to COMMAND_ID. */
function accepted(input: Record<string, unknown>): Command {
  const parsed = parseCommand({ commandId: COMMAND_ID, ...input });
  if (!parsed.ok) throw new Error(`Expected a valid command, got: ${parsed.rejection.reason}`);
  return parsed.command;
}

/** Parses input that must be refused as `invalid`; returns the reason, checked to be a sentence. */
function refused(input: unknown): string {
  const parsed = parseCommand(input);
  expect(parsed.ok, "the input should be refused").toBe(false);
  const { rejection } = parsed as Extract<typeof parsed, { ok: false }>;
  expect(rejection.code).toBe("invalid");
  expectSentence(rejection.reason);
  return rejection.reason;
}

const withTitle = (title: unknown) => ({ commandId: COMMAND_ID, type: "renameBoard", title });

describe("parseCommand", () => {
  it("accepts a valid command and returns it as it came", () => {
    const input = { commandId: COMMAND_ID, type: "moveItem", itemId: MILK, columnId: DOING, afterItemId: null };
    expect(parseCommand(input)).toEqual({ ok: true, command: input });
  });

  describe("titles", () => {
    it.each([
      ["renameBoard", {}],
      ["addColumn", { columnId: TODO }],
      ["renameColumn", { columnId: TODO }],
      ["addItem", { itemId: MILK, columnId: TODO }],
      ["renameItem", { itemId: MILK }],
    ])("trims the title of %s", (type, fields) => {
      expect(accepted({ type, ...fields, title: " \t Buy milk \n " })).toMatchObject({ title: "Buy milk" });
    });

    it("keeps spaces inside a title", () => {
      expect(accepted({ type: "renameBoard", title: "Q3   plan" })).toMatchObject({ title: "Q3   plan" });
    });

    it("accepts letters, accents and emoji", () => {
      expect(accepted({ type: "renameBoard", title: "Crème brûlée 🚀 日本" })).toMatchObject({
        title: "Crème brûlée 🚀 日本",
      });
    });

    it.each([
      ["empty", ""],
      ["only spaces", "   "],
      ["only whitespace of several kinds", " \t\n\r "],
    ])("refuses a title that is %s", (_, title) => {
      expect(refused(withTitle(title))).toMatch(/empty/);
    });

    it(`accepts a title of ${TITLE_MAX} characters`, () => {
      const title = "x".repeat(TITLE_MAX);
      expect(accepted({ type: "renameBoard", title })).toMatchObject({ title });
    });

    it(`accepts a title of ${TITLE_MAX} characters once its surrounding spaces are trimmed`, () => {
      const title = "x".repeat(TITLE_MAX);
      expect(accepted({ type: "renameBoard", title: `  ${title}  ` })).toMatchObject({ title });
    });

    it(`counts characters as a person does: ${TITLE_MAX} emoji fit, ${TITLE_MAX + 1} do not`, () => {
      const title = "🚀".repeat(TITLE_MAX);
      expect(accepted({ type: "renameBoard", title })).toMatchObject({ title });
      refused(withTitle(`${title}🚀`));
    });

    it(`refuses a title of ${TITLE_MAX + 1} characters, saying the limit`, () => {
      expect(refused(withTitle("x".repeat(TITLE_MAX + 1)))).toContain(String(TITLE_MAX));
    });

    it.each([
      ["a newline", "Buy\nmilk"],
      ["a carriage return", "Buy\rmilk"],
      ["a tab", "Buy\tmilk"],
      ["a NUL", "Buy\u0000milk"],
      ["an escape", "Buy\u001bmilk"],
      ["a DEL", "Buy\u007fmilk"],
      ["a C1 control character", "Buy\u0085milk"],
      ["a lone high surrogate", "Buy\ud800milk"],
      ["a lone low surrogate", "Buy\udc00milk"],
      ["a line separator", "Buy\u2028milk"],
      ["a paragraph separator", "Buy\u2029milk"],
    ])("refuses a title with %s inside", (_, title) => {
      expect(refused(withTitle(title))).toMatch(/single line of printable text/);
    });

    it("refuses a title that is not text", () => {
      refused(withTitle(42));
    });

    it("refuses a missing title, naming the field", () => {
      expect(refused({ commandId: COMMAND_ID, type: "addColumn", columnId: TODO })).toContain('"title"');
    });
  });

  describe("fields", () => {
    it("refuses an unknown field, naming it", () => {
      expect(refused({ ...withTitle("Q3"), colour: "red" })).toContain('"colour"');
    });

    it("refuses several unknown fields, naming each", () => {
      const reason = refused({ ...withTitle("Q3"), colour: "red", size: 3 });
      expect(reason).toContain('"colour"');
      expect(reason).toContain('"size"');
    });

    it("refuses a field that belongs to another command type", () => {
      expect(refused({ commandId: COMMAND_ID, type: "removeItem", itemId: MILK, columnId: TODO })).toContain(
        '"columnId"',
      );
    });

    it("refuses a __proto__ key that arrives in JSON, naming it", () => {
      const input = JSON.parse(`{"commandId":"${COMMAND_ID}","type":"renameBoard","title":"Q3","__proto__":{"x":1}}`);
      expect(refused(input)).toContain('"__proto__"');
    });

    it("refuses a missing id, naming the field", () => {
      expect(refused({ commandId: COMMAND_ID, type: "completeItem" })).toContain('"itemId"');
    });
  });

  describe("type", () => {
    it.each(["deleteBoard", "RenameBoard", "BoardRenamed", ""])("refuses the unknown type %j", (type) => {
      expect(refused({ commandId: COMMAND_ID, type, title: "Q3" })).toMatch(/type/);
    });

    it("refuses a type that is not a string", () => {
      refused({ commandId: COMMAND_ID, type: 7 });
    });

    // lib/domain/commands.ts sends a missing discriminator to "The command has no type." when
    // `issue.input === undefined`, but zod 4 puts the whole object in `input`: that branch never runs.
    it("refuses a command without a type, saying it has no type", () => {
      expect(refused({ commandId: COMMAND_ID, title: "Q3" })).toMatch(/no type|"type" is missing/);
    });
  });

  describe("commandId", () => {
    it("refuses a missing commandId, naming the field", () => {
      expect(refused({ type: "renameBoard", title: "Q3" })).toContain('"commandId"');
    });

    it.each([
      ["not a UUID", "command-1"],
      ["a UUID without dashes", COMMAND_ID.replaceAll("-", "")],
      ["a UUID with a bad character", `${COMMAND_ID.slice(0, -1)}g`],
      ["a UUID in braces", `{${COMMAND_ID}}`],
      ["a number", 12345],
      ["null", null],
    ])("refuses a commandId that is %s", (_, commandId) => {
      expect(refused({ commandId, type: "renameBoard", title: "Q3" })).toMatch(/commandId/);
    });
  });

  describe("ids of columns and items", () => {
    it.each([
      ["a UUID", "0b6f3c52-8d1e-4a7b-9c2d-5e6f7a8b9c0d"],
      ["a 21-character nanoid", "V1StGXR8_Z5jdHi6B-myT"],
      ["a 64-character id", "a".repeat(64)],
    ])("accepts %s", (_, id) => {
      expect(accepted({ type: "removeColumn", columnId: id })).toMatchObject({ columnId: id });
    });

    it.each([
      ["too short (20 characters)", "a".repeat(20)],
      ["too long (65 characters)", "a".repeat(65)],
      ["with spaces", "col todo 000000000000001"],
      ["with a dot", "col.todo.000000000000001"],
      ["with a slash", "col/todo/000000000000001"],
      ["__proto__", "__proto__"],
      ["constructor", "constructor"],
      ["empty", ""],
      ["a number", 42],
      ["an object", { id: TODO }],
    ])("refuses an id that is %s", (_, id) => {
      expect(refused({ commandId: COMMAND_ID, type: "removeColumn", columnId: id })).toContain("columnId");
      expect(refused({ commandId: COMMAND_ID, type: "removeItem", itemId: id })).toContain("itemId");
    });

    it("refuses a bad afterItemId, naming the field", () => {
      const input = { commandId: COMMAND_ID, type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: "__proto__" };
      expect(refused(input)).toContain("afterItemId");
    });
  });

  describe("input that is not an object", () => {
    it.each([
      ["null", null],
      ["undefined", undefined],
      ["an array", [{ commandId: COMMAND_ID, type: "renameBoard", title: "Q3" }]],
      ["an empty array", []],
      ["a string", "renameBoard"],
      ["a number", 42],
      ["a boolean", true],
    ])("refuses %s", (_, input) => {
      expect(refused(input)).toMatch(/object/);
    });
  });

  describe("placement fields", () => {
    it("allows afterColumnId to be omitted on addColumn", () => {
      expect(accepted({ type: "addColumn", columnId: TODO, title: "To do" })).not.toHaveProperty("afterColumnId");
    });

    it("allows afterColumnId to be null on addColumn", () => {
      expect(accepted({ type: "addColumn", columnId: TODO, title: "To do", afterColumnId: null })).toMatchObject({
        afterColumnId: null,
      });
    });

    it("allows afterItemId to be omitted or null on addItem", () => {
      accepted({ type: "addItem", itemId: MILK, columnId: TODO, title: "Milk" });
      accepted({ type: "addItem", itemId: MILK, columnId: TODO, title: "Milk", afterItemId: null });
    });

    it("requires afterItemId on moveItem, naming it", () => {
      const reason = refused({ commandId: COMMAND_ID, type: "moveItem", itemId: MILK, columnId: TODO });
      expect(reason).toContain('"afterItemId"');
    });

    it("allows afterItemId to be null on moveItem (to the top)", () => {
      expect(accepted({ type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: null })).toMatchObject({
        afterItemId: null,
      });
    });

    it("allows afterItemId to name a sibling on moveItem", () => {
      expect(accepted({ type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: EGGS })).toMatchObject({
        afterItemId: EGGS,
      });
    });

    it("requires afterColumnId on moveColumn, naming it", () => {
      const reason = refused({ commandId: COMMAND_ID, type: "moveColumn", columnId: TODO });
      expect(reason).toContain('"afterColumnId"');
    });

    it("allows afterColumnId to be null on moveColumn (first)", () => {
      accepted({ type: "moveColumn", columnId: TODO, afterColumnId: null });
    });
  });
});

describe("parseCommand, v2 fields", () => {
  const describeWith = (description: unknown) => ({
    commandId: COMMAND_ID,
    type: "describeItem",
    itemId: MILK,
    description,
  });
  const commentWith = (text: unknown) => ({
    commandId: COMMAND_ID,
    type: "commentOnItem",
    itemId: MILK,
    commentId: EGGS,
    text,
  });

  describe("invisible text is empty text", () => {
    it.each([
      ["zero-width spaces", "\u200b\u200b"],
      ["a zero-width joiner and a word joiner", "\u200d\u2060"],
      ["a byte order mark", "\ufeff"],
      ["direction marks", "\u200e\u200f"],
      ["a soft hyphen", "\u00ad"],
      ["a blank braille pattern", "\u2800"],
      ["a Hangul filler between spaces", " \u3164 "],
      ["a variation selector", "\ufe0f"],
    ])("refuses a title made only of %s", (_, title) => {
      expect(refused(withTitle(title))).toBe("The title must not be empty (title).");
    });

    it("keeps a title with a zero-width joiner inside an emoji", () => {
      expect(accepted({ type: "renameBoard", title: "👩‍💻 Dev" })).toMatchObject({ title: "👩‍💻 Dev" });
    });

    it("refuses a label name, a checklist entry and a comment made only of invisible characters", () => {
      expect(refused({ commandId: COMMAND_ID, type: "addLabel", labelId: EGGS, name: "\u200b", color: "red" })).toMatch(
        /label name must not be empty/,
      );
      expect(
        refused({ commandId: COMMAND_ID, type: "addChecklistEntry", itemId: MILK, entryId: EGGS, text: "\u2060" }),
      ).toMatch(/checklist entry must not be empty/);
      expect(refused(commentWith("\u200b\n\u200b"))).toMatch(/comment must not be empty/);
      expect(refused(describeWith("\u200b"))).toMatch(/description must be empty/);
    });
  });

  describe("descriptions and comments: several lines", () => {
    it("keep line breaks and tabs, make every line end \\n, drop blank lines before and white space after", () => {
      expect(accepted(describeWith("\r\n \n  Step 1:\r\n\tmix\rbake \n\n "))).toMatchObject({
        description: "  Step 1:\n\tmix\nbake",
      });
      expect(accepted(commentWith("ok\r\n\r\nthanks"))).toMatchObject({ text: "ok\n\nthanks" });
    });

    it('take "" as a description (it clears it), never as a comment', () => {
      expect(accepted(describeWith(""))).toMatchObject({ description: "" });
      expect(accepted(describeWith(" \n\t "))).toMatchObject({ description: "" });
      expect(refused(commentWith(" \n "))).toBe("The comment must not be empty (text).");
    });

    it(`count characters as a person does: ${TEXT_MAX.description} for a description, ${TEXT_MAX.comment} for a comment`, () => {
      accepted(describeWith("é".repeat(TEXT_MAX.description)));
      expect(refused(describeWith("x".repeat(TEXT_MAX.description + 1)))).toBe(
        "The description must be at most 10,000 characters (description).",
      );
      accepted(commentWith("🚀".repeat(TEXT_MAX.comment)));
      expect(refused(commentWith("🚀".repeat(TEXT_MAX.comment + 1)))).toBe(
        "The comment must be at most 5,000 characters (text).",
      );
    });

    it.each([
      ["a NUL", "a\u0000b"],
      ["an escape", "a\u001bb"],
      ["a vertical tab", "a\u000bb"],
      ["a C1 control character", "a\u0085b"],
      ["a lone surrogate", "a\ud800b"],
      ["a line separator", "a\u2028b"],
    ])("refuse %s", (_, text) => {
      expect(refused(describeWith(text))).toMatch(/printable text/);
      expect(refused(commentWith(text))).toMatch(/printable text/);
    });
  });

  describe("one-line v2 text", () => {
    it(`limits a label name to ${TEXT_MAX.labelName} characters and a checklist entry to ${TEXT_MAX.checklistEntry}, on one line`, () => {
      const label = (name: string) => ({ commandId: COMMAND_ID, type: "addLabel", labelId: EGGS, name, color: "red" });
      const entry = (text: string) => ({
        commandId: COMMAND_ID,
        type: "addChecklistEntry",
        itemId: MILK,
        entryId: EGGS,
        text,
      });
      accepted(label("x".repeat(TEXT_MAX.labelName)));
      expect(refused(label("x".repeat(TEXT_MAX.labelName + 1)))).toBe(
        "The label name must be at most 40 characters (name).",
      );
      expect(refused(label("a\nb"))).toBe("The label name must be a single line of printable text (name).");
      accepted(entry("x".repeat(TEXT_MAX.checklistEntry)));
      expect(refused(entry("x".repeat(TEXT_MAX.checklistEntry + 1)))).toMatch(/at most 200/);
      expect(refused(entry("a\tb"))).toMatch(/single line/);
    });
  });

  describe("due dates", () => {
    const due = (value: unknown) => ({ commandId: COMMAND_ID, type: "setItemDue", itemId: MILK, due: value });

    it.each(["2027-01-31", "2028-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])(
      "accepts the real date %s",
      (day) => {
        expect(accepted(due(day))).toMatchObject({ due: day });
      },
    );

    it("accepts null (no due date)", () => {
      expect(accepted(due(null))).toMatchObject({ due: null });
    });

    it.each([
      "2027-02-29",
      "1900-02-29",
      "2027-04-31",
      "2027-13-01",
      "2027-00-10",
      "2027-01-00",
      "0000-01-01",
      "2027-1-5",
      "27-01-05",
      "2027-01-05T00:00:00Z",
      "tomorrow",
      "",
    ])("refuses %j, saying what a date looks like", (day) => {
      expect(refused(due(day))).toMatch(/YYYY-MM-DD/);
    });

    it("refuses a missing due (null must be said)", () => {
      expect(refused({ commandId: COMMAND_ID, type: "setItemDue", itemId: MILK })).toContain('"due"');
    });
  });

  describe("labels", () => {
    it.each(["green", "yellow", "orange", "red", "purple", "blue", "sky", "lime", "pink", "black"])(
      "accepts the color %s",
      (color) => {
        accepted({ type: "addLabel", labelId: EGGS, name: "Urgent", color });
      },
    );

    it("refuses another color, listing the colors", () => {
      expect(
        refused({ commandId: COMMAND_ID, type: "addLabel", labelId: EGGS, name: "Urgent", color: "teal" }),
      ).toMatch(/green, yellow, orange, red, purple, blue, sky, lime, pink, black/);
    });

    it("needs a name or a color to edit a label", () => {
      expect(refused({ commandId: COMMAND_ID, type: "editLabel", labelId: EGGS })).toBe(
        "An editLabel command needs a name, a color, or both.",
      );
      accepted({ type: "editLabel", labelId: EGGS, name: "Now" });
      accepted({ type: "editLabel", labelId: EGGS, color: "blue" });
    });
  });

  describe("column limits", () => {
    const limit = (value: unknown) => ({ commandId: COMMAND_ID, type: "setColumnLimit", columnId: TODO, limit: value });

    it.each([1, 5, 999, null])("accepts %j", (value) => {
      accepted(limit(value));
    });

    it.each([0, -1, 1000, 2.5, "3", Number.NaN])("refuses %j", (value) => {
      expect(refused(limit(value))).toMatch(/limit/);
    });
  });

  it.each([
    ["describeItem", { itemId: MILK, description: "x" }],
    ["assignItem", { itemId: MILK, memberId: "actor-ana-000000000001" }],
    ["restoreItem", { itemId: MILK }],
    ["restoreColumn", { columnId: TODO }],
    ["removeComment", { commentId: EGGS }],
  ])("refuses an unknown field on %s, naming it", (type, fields) => {
    expect(refused({ commandId: COMMAND_ID, type, ...fields, extra: 1 })).toContain('"extra"');
  });

  it("refuses a memberId that is not an actor id", () => {
    expect(refused({ commandId: COMMAND_ID, type: "assignItem", itemId: MILK, memberId: "Ana Smith" })).toMatch(
      /memberId/,
    );
  });
});
