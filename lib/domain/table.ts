// Table: a persistent (immutable, structurally shared) map from string ids to values.
//
// Why not a plain record: copying a 2,000-key record (a dictionary-mode object) costs ~550 µs, so
// a fold that copies one per batch of events is capped near 170,000 events/s. Why not a hash trie
// of our own: hashing an id in JavaScript costs more than the rest of an update (V8 caches a
// string's hash for its Map, but gives a script no way to read it), and a cold trie runs many
// bytecodes per lookup before the JIT catches up.
//
// So a table is two parts:
// - `slots`: a native Map from key to slot number, shared by a lineage of tables (a table and every
//   table derived from it). It only grows: a key, once given a slot, keeps it. Adding a key to it
//   changes no table's content, because a table holds only the slots its own vector fills.
// - `root`: a persistent vector (a 32-way trie of arrays) from slot to value, copied on write
//   along one path, so a change copies a few short arrays and every untouched value is shared.
//
// Iteration follows slot order, which is first-insertion order across the whole lineage (a key
// deleted and set again keeps its first place, and so does a key first set in a fork that was then
// thrown away: a prediction, a group decided on a stale head). So two tables with the same entries
// may differ inside and in their order, and a copy made by `toJSON` and `Table.from` orders them
// by the original's history: compare with `equals`, not by their fields, and never give the order
// a meaning: an order that matters is a field of the values (see BoardState's labels and members).

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/** A trie node: up to 32 children (inner levels) or values (the bottom level); `undefined` is empty. */
type Chunk = unknown[];

function read(root: Chunk, shift: number, slot: number): unknown {
  // A descendant may have given out slots past this vector's reach; masking would wrap them onto
  // slots this vector does hold.
  if (slot >>> shift >= WIDTH) return undefined;
  let node = root;
  for (let level = shift; level > 0; level -= BITS) {
    node = node[(slot >>> level) & MASK] as Chunk;
    if (node === undefined) return undefined;
  }
  return node[slot & MASK];
}

// The builder's way to a table's parts, without making them part of the table's public face.
let assemble: <V extends Value>(size: number, slots: Map<string, number>, shift: number, root: Chunk) => Table<V>;
let partsOf: (table: Table<Value>) => { slots: Map<string, number>; shift: number; root: Chunk };

/** `undefined` marks an empty slot, so it cannot be a value: a table answers `undefined` for "no such key". */
export type Value = NonNullable<unknown> | null;

/**
 * An immutable map from string keys to values. Keys are looked up in a Map, never on an object,
 * so an id such as `__proto__` or `constructor` is an id like any other.
 */
export class Table<V extends Value> implements Iterable<[string, V]> {
  private constructor(
    readonly size: number,
    private readonly slots: Map<string, number>,
    private readonly shift: number,
    private readonly root: Chunk,
  ) {}

  static {
    assemble = (size, slots, shift, root) => new Table(size, slots, shift, root);
    partsOf = ({ slots, shift, root }) => ({ slots, shift, root });
  }

  private static readonly EMPTY = new Table<never>(0, new Map(), 0, []);

  static empty<V extends Value>(): Table<V> {
    return Table.EMPTY;
  }

  /** The table of a record's own enumerable keys, in the record's order (the plain form `toJSON` gives). */
  static from<V extends Value>(record: Readonly<Record<string, V>>): Table<V> {
    const builder = Table.empty<V>().edit();
    for (const key of Object.keys(record)) builder.set(key, record[key]);
    return builder.finish();
  }

  static fromEntries<V extends Value>(entries: Iterable<readonly [string, V]>): Table<V> {
    const builder = Table.empty<V>().edit();
    for (const [key, value] of entries) builder.set(key, value);
    return builder.finish();
  }

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : (read(this.root, this.shift, slot) as V | undefined);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** This table with `key` set to `value`; the very same table when it holds that value already. */
  set(key: string, value: V): Table<V> {
    return this.edit().set(key, value).finish();
  }

  /** This table without `key`; the very same table when it has no such key. */
  delete(key: string): Table<V> {
    return this.edit().delete(key).finish();
  }

  /** A builder for a run of changes: each array on a changed path is copied once, not once per change. */
  edit(): TableBuilder<V> {
    return new TableBuilder<V>(this);
  }

  forEach(visit: (value: V, key: string) => void): void {
    const { root, shift } = this;
    for (const [key, slot] of this.slots) {
      const value = read(root, shift, slot);
      if (value !== undefined) visit(value as V, key);
    }
  }

  *entries(): IterableIterator<[string, V]> {
    const { root, shift } = this;
    for (const [key, slot] of this.slots) {
      const value = read(root, shift, slot);
      if (value !== undefined) yield [key, value as V];
    }
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /** Same keys, and the same values by `Object.is` (or by `same`, for a deep comparison). */
  equals(other: Table<V>, same: (a: V, b: V) => boolean = Object.is): boolean {
    if (other === this) return true;
    if (other.size !== this.size) return false;
    for (const [key, value] of this.entries()) {
      const theirs = other.get(key);
      if (theirs === undefined || !same(value, theirs)) return false;
    }
    return true;
  }

  /** The plain form: a record of the entries (what `JSON.stringify` writes for a table). */
  toJSON(): Record<string, V> {
    const record: Record<string, V> = {};
    this.forEach((value, key) => {
      // Assigning `__proto__` would set the record's prototype instead of adding a key.
      if (key === "__proto__") {
        Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        record[key] = value;
      }
    });
    return record;
  }
}

/**
 * Changes to a table, made in place on the arrays this builder copied (a shared array is copied
 * the first time it is written, and written in place after that). `finish` gives the new table
 * and ends the builder.
 */
export class TableBuilder<V extends Value> {
  private readonly slots: Map<string, number>;
  private shift: number;
  private root: Chunk;
  private count: number;
  private owned: Set<Chunk> | null = new Set();
  // A fold reads an entry and then writes it: the write finds its slot without a second lookup.
  private lastKey: string | undefined;
  private lastSlot: number | undefined;
  // The bottom array last written, already this builder's own: a burst often changes neighbours.
  private leafAt = -1;
  private leaf: Chunk = [];

  constructor(private readonly base: Table<V>) {
    const parts = partsOf(base);
    // An empty table starts a lineage of its own: boards folded from the same empty board must
    // not share (and grow) one index of every id they ever held.
    this.slots = base.size === 0 ? new Map() : parts.slots;
    this.shift = base.size === 0 ? 0 : parts.shift;
    this.root = base.size === 0 ? [] : parts.root;
    this.count = base.size;
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const slot = this.slotOf(key);
    return slot === undefined ? undefined : (read(this.root, this.shift, slot) as V | undefined);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): this {
    this.open();
    let slot = this.slotOf(key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(key, slot);
      this.lastSlot = slot;
    } else if (read(this.root, this.shift, slot) === value) {
      return this;
    }
    if (this.write(slot, value) === undefined) this.count++;
    return this;
  }

  delete(key: string): this {
    this.open();
    const slot = this.slotOf(key);
    if (slot === undefined || read(this.root, this.shift, slot) === undefined) return this;
    this.write(slot, undefined);
    this.count--;
    return this;
  }

  private slotOf(key: string): number | undefined {
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastSlot = this.slots.get(key);
    }
    return this.lastSlot;
  }

  /** The values as they stand, in slot order (a snapshot: safe to change the builder while using it). */
  values(): V[] {
    const values: V[] = [];
    const { root, shift } = this;
    for (const slot of this.slots.values()) {
      const value = read(root, shift, slot);
      if (value !== undefined) values.push(value as V);
    }
    return values;
  }

  finish(): Table<V> {
    this.open();
    this.owned = null;
    const base = partsOf(this.base);
    if (this.root === base.root) return this.base;
    if (this.count === 0) return Table.empty();
    // Removed keys keep their slots; once they outnumber the live ones, iterating the lineage's
    // index would cost more than the table holds, so the table starts a compact lineage.
    if (this.slots.size > 2 * this.count + WIDTH) return Table.fromEntries(this.entries());
    return assemble<V>(this.count, this.slots, this.shift, this.root);
  }

  private *entries(): Generator<[string, V]> {
    const { root, shift } = this;
    for (const [key, slot] of this.slots) {
      const value = read(root, shift, slot);
      if (value !== undefined) yield [key, value as V];
    }
  }

  /** Writes one slot, copying each shared array on its path; answers what the slot held. */
  private write(slot: number, value: unknown): unknown {
    const at = slot & MASK;
    if (slot >>> BITS === this.leafAt) {
      const before = this.leaf[at];
      this.leaf[at] = value;
      return before;
    }
    const owned = this.open();
    while (slot >>> this.shift >= WIDTH) {
      // The vector is full at this depth: the old root becomes the first child of a new one.
      const root = [this.root];
      owned.add(root);
      this.root = root;
      this.shift += BITS;
    }
    let node = this.own(owned, this.root);
    this.root = node;
    for (let level = this.shift; level > 0; level -= BITS) {
      const child = node[(slot >>> level) & MASK] as Chunk | undefined;
      let mine: Chunk;
      if (child === undefined) {
        mine = [];
        owned.add(mine);
      } else {
        mine = this.own(owned, child);
      }
      node[(slot >>> level) & MASK] = mine;
      node = mine;
    }
    this.leafAt = slot >>> BITS;
    this.leaf = node;
    const before = node[at];
    node[at] = value;
    return before;
  }

  private own(owned: Set<Chunk>, chunk: Chunk): Chunk {
    if (owned.has(chunk)) return chunk;
    const copy = chunk.slice();
    owned.add(copy);
    return copy;
  }

  private open(): Set<Chunk> {
    if (!this.owned) throw new Error("This table builder has finished; start another with table.edit().");
    return this.owned;
  }
}
