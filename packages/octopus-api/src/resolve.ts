/**
 * ID-or-name resolution over a list of named Octopus resources: exact ID, exact name, exact slug,
 * then a unique case-insensitive match; otherwise a NotFoundError with "did you mean" suggestions
 * ranked by edit distance.
 */
import { InvalidArgumentsError, NotFoundError } from "@octopus-mcp/core";
import type { NamedResource } from "./types.js";

/**
 * Levenshtein distance between two strings (insert, delete, substitute cost 1). O(a*b) time,
 * O(min(a,b)) memory.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Names close to `input`: case-insensitive edit distance at most max(2, a third of the input's
 * length), or one containing the other; best first, at most `limit`.
 */
export function suggestNames(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const threshold = Math.max(2, Math.floor(needle.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const hay = name.toLowerCase();
    const distance = editDistance(needle, hay);
    const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay));
    if (distance <= threshold || contains)
      scored.push({ name, score: contains ? Math.min(distance, 1) : distance });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}

export interface ResolveOptions {
  /** What is being resolved, for messages: `project`, `environment`, `Octopus tenant`, `channel`, ... */
  readonly kind: string;
  /** Where it was looked for, for messages, e.g. `space "Default"`. */
  readonly scope?: string;
}

function label(item: NamedResource): string {
  return `"${item.Name}" (${item.Id})`;
}

/**
 * Finds `input` among `items` by ID, name or slug.
 * Order: exact ID (case-insensitive), exact name, exact slug, then a unique case-insensitive
 * name or slug match.
 * @throws InvalidArgumentsError when `input` is empty or matches several items case-insensitively
 *   (the message lists them; pass the ID).
 * @throws NotFoundError with up to three "did you mean" suggestions (also in `details.suggestions`).
 */
export function resolveByIdOrName<T extends NamedResource>(
  items: readonly T[],
  input: string,
  options: ResolveOptions,
): T {
  const wanted = input.trim();
  if (wanted === "") {
    throw new InvalidArgumentsError(`An empty ${options.kind} name was given; pass a name, slug or ID.`);
  }
  const lower = wanted.toLowerCase();
  const byId = items.find((i) => i.Id.toLowerCase() === lower);
  if (byId) return byId;
  const exactName = items.filter((i) => i.Name === wanted);
  if (exactName.length === 1 && exactName[0]) return exactName[0];
  const exactSlug = items.filter((i) => i.Slug === wanted);
  if (exactName.length === 0 && exactSlug.length === 1 && exactSlug[0]) return exactSlug[0];
  const loose =
    exactName.length > 1
      ? exactName
      : items.filter((i) => i.Name.toLowerCase() === lower || i.Slug?.toLowerCase() === lower);
  if (loose.length === 1 && loose[0]) return loose[0];
  const where = options.scope ? ` in ${options.scope}` : "";
  if (loose.length > 1) {
    throw new InvalidArgumentsError(
      `The ${options.kind} name "${wanted}" is ambiguous${where}: ${loose.slice(0, 5).map(label).join(", ")}. Pass the ID instead.`,
      [
        {
          path: "",
          rule: "ambiguous",
          message: `Several ${options.kind}s match "${wanted}"; pass one of their IDs.`,
        },
      ],
      { details: { candidates: loose.slice(0, 5).map((i) => ({ id: i.Id, name: i.Name })) } },
    );
  }
  throw notFoundWithSuggestions(options.kind, wanted, items, options.scope);
}

/** A NotFoundError for `input` with "did you mean" suggestions drawn from `items`. */
export function notFoundWithSuggestions(
  kind: string,
  input: string,
  items: readonly NamedResource[],
  scope?: string,
): NotFoundError {
  const names = suggestNames(
    input,
    items.flatMap((i) => (i.Slug && i.Slug !== i.Name ? [i.Name, i.Slug] : [i.Name])),
  );
  const suggestions = names
    .map((n) => items.find((i) => i.Name === n || i.Slug === n))
    .filter((i): i is NamedResource => i !== undefined)
    .filter((i, index, all) => all.findIndex((o) => o.Id === i.Id) === index);
  const where = scope ? ` in ${scope}` : "";
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.map(label).join(" or ")}?`
      : items.length > 0 && items.length <= 8
        ? ` Known: ${items.map((i) => `"${i.Name}"`).join(", ")}.`
        : "";
  return new NotFoundError(`No ${kind} "${input}"${where}.${hint}`, {
    details: { suggestions: suggestions.map((s) => ({ id: s.Id, name: s.Name })) },
  });
}
