/**
 * Matching of RFC 6570 level-1 URI templates (`octopus://spaces/{space}/releases/{id}`) against
 * concrete URIs for `resources/read`. Each `{name}` matches one non-empty run of characters
 * without `/`, `?` or `#`; values are percent-decoded.
 */

export interface CompiledUriTemplate {
  readonly template: string;
  readonly variables: readonly string[];
  /** The decoded variables when `uri` matches, otherwise `undefined`. */
  match(uri: string): Record<string, string> | undefined;
}

const EXPRESSION = /\{([A-Za-z0-9_]+)\}/g;

/**
 * Compiles `template`.
 * @throws Error when the template has no `{name}` expression, repeats a name, or uses operators
 *   (`{+x}`, `{?x}`) that level 1 does not define.
 */
export function compileUriTemplate(template: string): CompiledUriTemplate {
  if (/\{[^A-Za-z0-9_}]/.test(template)) {
    throw new Error(
      `URI template "${template}" uses operators; only level-1 "{name}" expressions are supported`,
    );
  }
  const variables: string[] = [];
  let pattern = "^";
  let last = 0;
  for (const m of template.matchAll(EXPRESSION)) {
    const name = m[1] as string;
    if (variables.includes(name)) throw new Error(`URI template "${template}" repeats "{${name}}"`);
    variables.push(name);
    pattern += escapeRegExp(template.slice(last, m.index)) + "([^/?#]+)";
    last = (m.index ?? 0) + m[0].length;
  }
  if (variables.length === 0) throw new Error(`URI template "${template}" has no {name} expression`);
  pattern += escapeRegExp(template.slice(last)) + "$";
  const regex = new RegExp(pattern);
  return {
    template,
    variables,
    match(uri: string) {
      const found = regex.exec(uri);
      if (!found) return undefined;
      const values: Record<string, string> = {};
      try {
        variables.forEach((name, i) => {
          values[name] = decodeURIComponent(found[i + 1] as string);
        });
      } catch {
        return undefined;
      }
      return values;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
