// Tables compare by their entries in `toEqual`/`toStrictEqual`: two tables with the same entries
// can differ inside (slot numbers follow each one's history), as two records can differ in key order.
import { expect } from "vitest";
import { Table } from "@/lib/domain";

expect.addEqualityTesters([
  function tableEquality(a: unknown, b: unknown, customTesters) {
    if (!(a instanceof Table) || !(b instanceof Table)) return undefined;
    return a.equals(b, (x, y) => this.equals(x, y, customTesters));
  },
]);
