/**
 * An answer the database wrote as JSON text (`json_build_object` …`::text`), sent as it is. A long list
 * built by the database skips the driver's parsing of every row and field and the re-serialising of
 * them all in the one Node thread (a year's major-project list, ~150 projects, 79 kB; BENCHMARKS.md).
 * serializer.ts sends the text unchanged and, under test, checks it against the route's schema.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** Typed as the route's answer, which the text must be (checked under test). */
export const jsonText = <T>(text: string): T => new JsonText(text) as unknown as T;
