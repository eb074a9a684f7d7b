// The virtual clock: a binary min-heap of timed events. Events at the same instant run in the order they were
// scheduled, so a run is a pure function of its inputs.

interface Entry<E> {
  at: number;
  seq: number;
  event: E;
}

/** Events in time order under a clock that jumps from one event to the next. */
export interface EventLoop<E> {
  /** The virtual time now (epoch ms): the time of the event being handled. */
  now(): number;
  /** Schedules an event at `at` (not before now). */
  schedule(at: number, event: E): void;
  /** Removes the next event and moves the clock to it; null when none is left. */
  next(): E | null;
  size(): number;
}

export function createEventLoop<E>(start: number): EventLoop<E> {
  const heap: Entry<E>[] = [];
  let now = start;
  let seq = 0;
  const less = (a: Entry<E>, b: Entry<E>) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);

  return {
    now: () => now,
    schedule(at, event) {
      if (!(at >= now)) throw new Error(`cannot schedule an event in the past (${at} < ${now})`);
      heap.push({ at, seq: seq++, event });
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        swap(i, parent);
        i = parent;
      }
    },
    next() {
      const top = heap[0];
      if (!top) return null;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      now = top.at;
      return top.event;
    },
    size: () => heap.length,
  };
}
