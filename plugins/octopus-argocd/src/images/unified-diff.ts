/** Unified diffs for dry runs (the `diff` package's `createTwoFilesPatch`, git-style a/ b/ headers). */
import { createTwoFilesPatch } from "diff";

/** A unified diff of one file with 3 lines of context; empty string when the texts are equal. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return "";
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
  });
  // Drop the "====" banner line the library emits first; git-style diffs start at "---".
  return patch.replace(/^={10,}\n/, "");
}
