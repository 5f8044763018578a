import { EVENT_CATEGORIES, type EventRec, type EventRefKind } from "./model.js";

const REF_KINDS: readonly EventRefKind[] = [
  "Releases",
  "Deployments",
  "RunbookRuns",
  "Interruptions",
  "ServerTasks",
];
const CATEGORY_CODE = new Map(EVENT_CATEGORIES.map((c, i) => [c, i]));
const REF_KIND_CODE = new Map(REF_KINDS.map((k, i) => [k, i]));

/** An event without its number (what {@link EventLog.push} takes). */
export type NewEvent = Omit<EventRec, "n">;

/**
 * The audit log, stored column-wise in typed arrays (~17 bytes an event instead of a ~100-byte object each:
 * 100x scale has ~430,000 events). Events are numbered 1, 2, 3… in insertion order; {@link get} builds an
 * {@link EventRec} on demand (events never change once written).
 */
export class EventLog {
  private size = 0;
  private occurred = new Float64Array(0);
  private refN = new Uint32Array(0);
  private userN = new Uint16Array(0);
  private spaceN = new Uint8Array(0);
  private category = new Uint8Array(0);
  private refKind = new Uint8Array(0);

  /** Number of events (the newest is `Events-${length}`). */
  get length(): number {
    return this.size;
  }

  /**
   * Appends an event and returns it with its number.
   * @throws RangeError for an unknown category or reference kind, or numbers out of the columns' range.
   */
  push(e: NewEvent): EventRec {
    const category = CATEGORY_CODE.get(e.category);
    const refKind = REF_KIND_CODE.get(e.refKind);
    if (category === undefined || refKind === undefined)
      throw new RangeError(`EventLog.push: unknown category '${e.category}' or refKind '${e.refKind}'`);
    if (!(
      e.spaceN >= 0 &&
      e.spaceN < 256 &&
      e.userN >= 0 &&
      e.userN < 65536 &&
      e.refN >= 0 &&
      e.refN < 2 ** 32
    ))
      throw new RangeError("EventLog.push: spaceN (< 256), userN (< 65536) or refN (< 2^32) out of range");
    if (this.size === this.occurred.length) this.grow(Math.max(1024, this.size * 2));
    const i = this.size++;
    this.occurred[i] = e.occurred;
    this.refN[i] = e.refN;
    this.userN[i] = e.userN;
    this.spaceN[i] = e.spaceN;
    this.category[i] = category;
    this.refKind[i] = refKind;
    return this.at(i);
  }

  /** `Events-n`, or undefined when there is no such event. */
  get(n: number): EventRec | undefined {
    return Number.isInteger(n) && n >= 1 && n <= this.size ? this.at(n - 1) : undefined;
  }

  /** Numbers of the events `keep` accepts, in event order. `keep` must not hold on to the record. */
  select(keep: (e: EventRec) => boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (keep(this.at(i))) out.push(i + 1);
    return out;
  }

  /** Reorders the events by `occurred` (equal times keep their order) and renumbers them 1…length. */
  sortByTime(): void {
    const order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) order[i] = i;
    const occurred = this.occurred;
    order.sort((a, b) => (occurred[a] ?? 0) - (occurred[b] ?? 0) || a - b);
    const permute = <A extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(
      col: A,
      fresh: A,
    ): A => {
      for (let i = 0; i < order.length; i++) fresh[i] = col[order[i] ?? 0] ?? 0;
      return fresh;
    };
    const n = this.size;
    this.occurred = permute(this.occurred, new Float64Array(n));
    this.refN = permute(this.refN, new Uint32Array(n));
    this.userN = permute(this.userN, new Uint16Array(n));
    this.spaceN = permute(this.spaceN, new Uint8Array(n));
    this.category = permute(this.category, new Uint8Array(n));
    this.refKind = permute(this.refKind, new Uint8Array(n));
  }

  private at(i: number): EventRec {
    return {
      n: i + 1,
      spaceN: this.spaceN[i] ?? 0,
      category: EVENT_CATEGORIES[this.category[i] ?? 0] ?? "ReleaseCreated",
      occurred: this.occurred[i] ?? 0,
      userN: this.userN[i] ?? 0,
      refKind: REF_KINDS[this.refKind[i] ?? 0] ?? "Releases",
      refN: this.refN[i] ?? 0,
    };
  }

  private grow(capacity: number): void {
    const copy = <A extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(col: A, fresh: A): A => {
      fresh.set(col.subarray(0, this.size));
      return fresh;
    };
    this.occurred = copy(this.occurred, new Float64Array(capacity));
    this.refN = copy(this.refN, new Uint32Array(capacity));
    this.userN = copy(this.userN, new Uint16Array(capacity));
    this.spaceN = copy(this.spaceN, new Uint8Array(capacity));
    this.category = copy(this.category, new Uint8Array(capacity));
    this.refKind = copy(this.refKind, new Uint8Array(capacity));
  }
}
