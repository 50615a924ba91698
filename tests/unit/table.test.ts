import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Table } from "@/lib/domain";

/** Ids that an object lookup would answer from Object.prototype: here they are ids like any other. */
const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

const sorted = <V>(entries: Iterable<[string, V]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function expectSame<V extends NonNullable<unknown> | null>(table: Table<V>, model: Map<string, V>, keys: string[]) {
  expect(table.size).toBe(model.size);
  for (const key of keys) {
    expect(table.get(key)).toBe(model.get(key));
    expect(table.has(key)).toBe(model.has(key));
  }
  expect(sorted(table)).toEqual(sorted(model));
  expect(new Set(table.keys()).size).toBe(table.size);
  expect(sorted(Object.entries(table.toJSON()))).toEqual(sorted(model));
}

describe("Table", () => {
  it("is empty at first, and answers nothing for any key", () => {
    const table = Table.empty<number>();
    expect(table.size).toBe(0);
    for (const key of ["a", "", ...PROTOTYPE_NAMES]) {
      expect(table.get(key)).toBeUndefined();
      expect(table.has(key)).toBe(false);
    }
    expect([...table]).toEqual([]);
    expect(table.toJSON()).toEqual({});
  });

  it("sets, gets and deletes, leaving the table it came from as it was", () => {
    const one = Table.empty<string>().set("a", "A");
    const two = one.set("b", "B");
    const back = two.delete("a");
    expect([one.size, two.size, back.size]).toEqual([1, 2, 1]);
    expect(one.get("b")).toBeUndefined();
    expect(two.get("a")).toBe("A");
    expect(back.get("a")).toBeUndefined();
    expect(back.get("b")).toBe("B");
  });

  it("is the very same table after a change that changes nothing", () => {
    const value = { title: "Milk" };
    const table = Table.empty<typeof value>().set("milk", value);
    expect(table.set("milk", value)).toBe(table);
    expect(table.delete("eggs")).toBe(table);
    expect(table.edit().finish()).toBe(table);
  });

  it("treats Object.prototype's names as plain ids, in lookups and in its plain form", () => {
    const empty = Table.empty<number>();
    let table = empty;
    PROTOTYPE_NAMES.forEach((key, index) => {
      table = table.set(key, index);
    });
    expect(table.size).toBe(PROTOTYPE_NAMES.length);
    PROTOTYPE_NAMES.forEach((key, index) => {
      expect(table.get(key)).toBe(index);
    });
    const record = table.toJSON();
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(PROTOTYPE_NAMES);
    const stored = JSON.parse(JSON.stringify(table));
    expect(Object.keys(stored)).toEqual(PROTOTYPE_NAMES);
    expect(Table.from(stored)).toEqual(table);
    expect(empty.has("__proto__")).toBe(false);
  });

  it("iterates in first-insertion order, which its plain form keeps", () => {
    const table = Table.fromEntries([
      ["c", 3],
      ["a", 1],
      ["b", 2],
    ]).set("a", 10);
    expect([...table.keys()]).toEqual(["c", "a", "b"]);
    expect([...table.values()]).toEqual([3, 10, 2]);
    expect(JSON.stringify(table)).toBe('{"c":3,"a":10,"b":2}');
    expect([...Table.from(table.toJSON())]).toEqual([...table]);
  });

  it("equals another table with the same entries, whatever their histories", () => {
    const built = Table.empty<number>().set("a", 1).set("gone", 0).set("b", 2).delete("gone");
    const parsed = Table.from({ b: 2, a: 1 });
    expect(built.equals(parsed)).toBe(true);
    expect(built).toStrictEqual(parsed);
    expect(built.equals(parsed.set("a", 9))).toBe(false);
    expect(built).not.toEqual(parsed.set("c", 3));
  });

  it("keeps forks apart: tables derived from one base never see each other's keys", () => {
    const base = Table.fromEntries(["x", "y", "z"].map((key) => [key, key.toUpperCase()]));
    // Past 32 and 1,024 entries the vector grows a level: a fork's new slots must not wrap onto the base's.
    const big = base.edit();
    for (let n = 0; n < 5000; n++) big.set(`key-${n}`, `value-${n}`);
    const grown = big.finish();
    const other = base.set("w", "W");
    expect(base.size).toBe(3);
    expect([...base.keys()]).toEqual(["x", "y", "z"]);
    expect(base.get("key-3")).toBeUndefined();
    expect(base.get("w")).toBeUndefined();
    expect(other.get("key-3")).toBeUndefined();
    expect(grown.get("w")).toBeUndefined();
    expect(grown.size).toBe(5003);
    expect(grown.get("key-4999")).toBe("value-4999");
    expect(other.size).toBe(4);
    expect([...other.keys()]).toEqual(["x", "y", "z", "w"]);
  });

  it("keeps a builder's writes while it grows: before, across and after the vector gains levels", () => {
    const base = Table.fromEntries([
      ["a", 1],
      ["b", 2],
    ]);
    const builder = base.edit().set("a", 10);
    for (let n = 0; n < 2000; n++) builder.set(`key-${n}`, n);
    builder.set("b", 20).set("a", 100).set("key-5", -5);
    const grown = builder.finish();
    expect([grown.get("a"), grown.get("b"), grown.get("key-5"), grown.get("key-1999")]).toEqual([100, 20, -5, 1999]);
    expect(grown.size).toBe(2002);
    expect([...base]).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("stays small to walk after most of its keys are deleted", () => {
    const builder = Table.empty<number>().edit();
    for (let n = 0; n < 1000; n++) builder.set(`k${n}`, n);
    const full = builder.finish();
    const thinning = full.edit();
    for (let n = 0; n < 990; n++) thinning.delete(`k${n}`);
    const thin = thinning.finish();
    expect(thin.size).toBe(10);
    expect([...thin.keys()]).toEqual(Array.from({ length: 10 }, (_, n) => `k${990 + n}`));
    expect(full.size).toBe(1000);
    expect(full.get("k0")).toBe(0);
  });

  it("ends a builder at finish: a later change is refused, not written into the finished table", () => {
    const builder = Table.empty<number>().edit().set("a", 1);
    const table = builder.finish();
    expect(() => builder.set("b", 2)).toThrow(/finished/);
    expect(() => builder.delete("a")).toThrow(/finished/);
    expect(table.has("b")).toBe(false);
    expect(table.set("c", 3).edit().finish().has("b")).toBe(false);
  });

  it("shows a builder's own changes to its reads at once", () => {
    const builder = Table.fromEntries([["a", 1]]).edit();
    builder.set("b", 2).delete("a");
    expect(builder.get("a")).toBeUndefined();
    expect(builder.get("b")).toBe(2);
    expect(builder.size).toBe(1);
    expect(builder.values()).toEqual([2]);
  });

  // Against a Map model: random sets and deletes (single and in builder batches) on several tables
  // forked from one another; every table must keep answering exactly as its own model does.
  it("behaves like a Map through random changes and forks", () => {
    const keys = fc.oneof(
      fc.constantFrom("", ...PROTOTYPE_NAMES),
      fc.integer({ min: 0, max: 60 }).map((n) => `id-${n}`),
    );
    const step = fc.oneof(
      fc.record({ op: fc.constant("set" as const), key: keys, value: fc.integer() }),
      fc.record({ op: fc.constant("delete" as const), key: keys }),
      fc.record({
        op: fc.constant("batch" as const),
        changes: fc.array(fc.tuple(keys, fc.option(fc.integer(), { nil: undefined })), { maxLength: 20 }),
      }),
      fc.record({ op: fc.constant("grow" as const), from: fc.nat(3000), count: fc.integer({ min: 1, max: 1200 }) }),
      fc.record({ op: fc.constant("fork" as const) }),
      fc.record({ op: fc.constant("switch" as const), to: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const worlds: { table: Table<number>; model: Map<string, number> }[] = [
          { table: Table.empty(), model: new Map() },
        ];
        let current = 0;
        const probe = new Set<string>([...PROTOTYPE_NAMES, "id-0", "id-1", "missing"]);
        for (const step of steps) {
          const world = worlds[current];
          switch (step.op) {
            case "set":
              world.table = world.table.set(step.key, step.value);
              world.model.set(step.key, step.value);
              probe.add(step.key);
              break;
            case "delete":
              world.table = world.table.delete(step.key);
              world.model.delete(step.key);
              break;
            case "batch": {
              const builder = world.table.edit();
              for (const [key, value] of step.changes) {
                if (value === undefined) {
                  builder.delete(key);
                  world.model.delete(key);
                } else {
                  builder.set(key, value);
                  world.model.set(key, value);
                }
                probe.add(key);
                expect(builder.get(key)).toBe(world.model.get(key));
              }
              expect(builder.size).toBe(world.model.size);
              world.table = builder.finish();
              break;
            }
            case "grow": {
              const builder = world.table.edit();
              for (let n = step.from; n < step.from + step.count; n++) {
                builder.set(`many-${n}`, n);
                world.model.set(`many-${n}`, n);
              }
              probe.add(`many-${step.from}`).add(`many-${step.from + step.count - 1}`);
              world.table = builder.finish();
              break;
            }
            case "fork":
              worlds.push({ table: world.table, model: new Map(world.model) });
              current = worlds.length - 1;
              break;
            case "switch":
              current = step.to % worlds.length;
              break;
          }
          for (const { table, model } of worlds) expectSame(table, model, [...probe]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
