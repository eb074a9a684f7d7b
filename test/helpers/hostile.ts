// fast-check arbitraries for hostile input: wrong types, huge strings, deep objects, prototype keys, operator
// objects, binary, lone surrogates. Shared by the socket and HTTP property tests.
import fc from "fast-check";

/** Objects whose own keys are `__proto__` / `constructor` (built by JSON.parse, as a network payload would be). */
export const protoPayload = fc.constantFrom(
  '{"__proto__":{"polluted":"yes","isAgent":true}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"}},"__proto__":[1]}',
  '{"__proto__":null,"toString":"x","hasOwnProperty":1}',
).map((s) => JSON.parse(s) as unknown);

/** Objects or arrays nested hundreds of levels deep. */
export const deepPayload = fc.tuple(fc.integer({ min: 100, max: 1500 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** Strings of 5–28 KB in UTF-8: far over every field limit, yet well inside one frame (a larger frame closes the socket by design). */
export const hugeString = fc.integer({ min: 5_000, max: 28_000 }).chain((n) => fc.constantFrom("a".repeat(n), "<script>".repeat(n >> 3), "\u202e".repeat(Math.floor(n / 3))));

export const binaryPayload = fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a));

export const weirdValue = fc.constantFrom<unknown>(
  null, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, true, false, "", " ", "\u0000", "\uD800", "x\uDC00", [], {}, [[]],
  { $regex: ".*" }, { $ne: null }, { $gt: "" }, "../../etc/passwd", "<img src=x onerror=alert(1)>", "NaN", "-1", "1e309",
);

/** Any of the above, or arbitrary JSON-like data. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 6, withNullPrototype: true }) },
  { weight: 2, arbitrary: weirdValue },
  { weight: 1, arbitrary: protoPayload },
  { weight: 1, arbitrary: deepPayload },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: binaryPayload },
);

/** A valid payload with one field replaced by hostile input, extra hostile keys, or hostile input as a whole. */
export function around(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc.oneof(
    hostile,
    keys.length ? fc.tuple(fc.constantFrom(...keys), hostile).map(([key, value]) => ({ ...base, [key]: value })) : hostile,
    fc.tuple(fc.constantFrom("__proto__", "constructor", "seq", "author", "assigneeId", "visitorId", "role"), hostile).map(([key, value]) => {
      const out = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
      return out;
    }),
  );
}

/** Object.prototype (and friends) untouched by anything a request did. */
export function prototypesClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return Object.keys(Object.prototype).length === 0 && probe.polluted === undefined && probe.isAgent === undefined && Object.keys(Array.prototype).length === 0;
}
