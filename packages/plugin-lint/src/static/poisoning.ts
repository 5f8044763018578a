/**
 * Tool-poisoning, shadowing and exfiltration patterns (reference/lint-rules.md §2.2-2.3) over
 * every string of every tool definition (name, title, description, and every string anywhere in
 * the schemas: descriptions, titles, enum values, defaults, examples; L-POISON-6). Text is matched
 * case-insensitively after NFKC normalisation and after removing hidden characters, which are
 * reported separately (L-POISON-5).
 */
import type { ToolDefinition } from "@octopus-mcp/core";
import type { RawFinding } from "../findings.js";
import { collectStrings } from "./schema-walk.js";

const HIDDEN = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]|[\u{E0000}-\u{E007F}]/gu;
const HTML_COMMENT = /<!--[\s\S]*?-->/;
const ENCODED_RUN = /[A-Za-z0-9+/]{80,}={0,2}|\b[0-9a-fA-F]{64,}\b/;

const PSEUDO_TAGS = [
  /<\s*\/?\s*(?:important|system|critical|urgent|instructions?)\b[^>]*>/i,
  /\[\/?INST\]/i,
  /(?:^|\n|\s)(?:\*\*)?IMPORTANT(?:\*\*)?\s*:/,
];

const COERCIVE = [
  /\bignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+(?:instructions|prompts?|rules)/i,
  /\balways\s+(?:call|use|run|invoke)\s+this\s+tool\s+first\b/i,
  /\bbefore\s+(?:using|calling|executing|running)\s+any\s+other\s+tools?\b/i,
  /\byou\s+must\s+(?:use|call|invoke|pass|send|read|include|first)\b/i,
  /\botherwise\s+the\s+tool\s+will\s+not\s+work\b|\btool\s+will\s+not\s+work\s+unless\b/i,
  /\bdo\s+not\s+(?:tell|mention|inform|notify|alert|show)\s+(?:this\s+to\s+)?the\s+user\b/i,
  /\b(?:secretly|silently|covertly|quietly)\s+(?:send|upload|collect|read|forward|copy|pass|include)\b/i,
  /\bpretend\s+to\s+be\b/i,
  /\b(?:hidden|secret)\s+(?:parameter|instruction|field)\b/i,
  /\bskip\s+(?:the\s+)?(?:safety|security|confirmation)\s+checks?\b/i,
];

const SECRET_REFS = [
  /~\/\.ssh\b|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\.ssh\//i,
  /(?:^|[\s"'`(/])[\w.-]*\.pem\b|\.aws\/credentials\b|(?:^|[\s"'`(/])\.env\b|\bmcp\.json\b|\.netrc\b|\.npmrc\b|\.kube\/config\b/i,
  /\bapi[\s_-]?keys?\b|\bpasswords?\b|\bprivate\s+keys?\b|\baccess\s+tokens?\b/i,
  /\bconversation\s+history\b|\bsystem\s+prompt\b|\bchat\s+history\b|\bprevious\s+messages\b/i,
];

const EMPHASIS = /\b(?:important|crucial|critical|must|never|mandatory|required\s+to)\b/i;

const SHADOW_PHRASES = [
  /\bwhen(?:ever)?\s+(?:the\s+)?[`"']?\w+[`"']?\s+tool\s+is\s+(?:called|used|invoked)\b/i,
  /\b(?:instead\s+of|rather\s+than)\s+(?:using|calling)\s+(?:the\s+)?[`"']?\w+[`"']?\s+tool\b/i,
  /\b(?:redirect|reroute|intercept|override)\s+(?:the\s+)?(?:output|result|calls?|requests?)\s+of\b/i,
  /\b(?:also|additionally)\s+(?:bcc|cc|send|forward|copy)\b/i,
];

const URL_RE = /\bhttps?:\/\/[^\s"'`)<>]+/gi;
const EMAIL_RE = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
/** RFC 2606/6761 documentation names: not exfiltration sinks. */
const EXAMPLE_HOST = /^(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;

const SIDE_CHANNEL_PARAMS = new Set([
  "sidenote",
  "side_note",
  "notes",
  "note",
  "context",
  "debug",
  "metadata",
  "extra",
  "comment",
  "feedback",
]);

/** Well-known tool names of other MCP servers, for L-SHADOW-1 (plus `.pluginlintrc` `knownTools`). */
export const WELL_KNOWN_TOOLS = [
  "send_email",
  "read_file",
  "write_file",
  "edit_file",
  "list_directory",
  "execute_command",
  "run_command",
  "run_terminal_cmd",
  "bash",
  "fetch",
  "web_search",
  "create_issue",
  "create_pull_request",
  "push_files",
  "send_message",
];
/** Namespaces of the first-party plugins: `<ns>_<verb>` tokens of another namespace name another plugin's tool. */
export const FIRST_PARTY_NAMESPACES = ["deployments", "tasks", "argocd"];

function normalise(text: string): string {
  return text.normalize("NFKC").replace(HIDDEN, "");
}

function firstMatch(patterns: readonly RegExp[], text: string): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0].trim();
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/** Patterns over every string of one tool; `otherTools` are names owned by other plugins/servers. */
export function checkToolText(
  tool: ToolDefinition,
  namespace: string,
  otherTools: readonly string[],
): RawFinding[] {
  const out: RawFinding[] = [];
  const name = String(tool.name);
  const strings = [
    ...(typeof tool.title === "string" ? [{ text: tool.title, pointer: "/title" }] : []),
    ...(typeof tool.description === "string" ? [{ text: tool.description, pointer: "/description" }] : []),
    ...collectStrings(tool.inputSchema, "/inputSchema"),
    ...(tool.outputSchema !== undefined ? collectStrings(tool.outputSchema, "/outputSchema") : []),
    ...(tool.annotations ? collectStrings(tool.annotations, "/annotations") : []),
  ];
  const others = new Set(otherTools.map((t) => t.toLowerCase()));
  for (const { text: raw, pointer } of strings) {
    const at = { tool: name, pointer };
    const hidden = raw.match(HIDDEN);
    if (hidden) {
      const codes = [
        ...new Set(hidden.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)),
      ];
      out.push({ ruleId: "L-POISON-5", location: at, message: `hidden characters ${codes.join(", ")}` });
    }
    if (HTML_COMMENT.test(raw))
      out.push({ ruleId: "L-POISON-5", location: at, message: "HTML comment (invisible in rendered text)" });
    if (ENCODED_RUN.test(raw))
      out.push({ ruleId: "L-POISON-5", location: at, message: "long base64 or hex run" });
    const text = normalise(raw);
    const tag = firstMatch(PSEUDO_TAGS, text);
    if (tag) out.push({ ruleId: "L-POISON-1", location: at, message: `pseudo-tag "${tag}"` });
    const coercive = firstMatch(COERCIVE, text);
    if (coercive) out.push({ ruleId: "L-POISON-2", location: at, message: `coercive phrase "${coercive}"` });
    const secret = firstMatch(SECRET_REFS, text);
    if (secret)
      out.push({
        ruleId: "L-POISON-3",
        location: at,
        message: `refers to secrets or private context: "${secret}"`,
      });
    if (!tag && !coercive) {
      const emphasis = EMPHASIS.exec(text);
      if (emphasis)
        out.push({ ruleId: "L-POISON-4", location: at, message: `emphasis word "${emphasis[0]}"` });
    }
    const shadow = firstMatch(SHADOW_PHRASES, text);
    if (shadow)
      out.push({ ruleId: "L-SHADOW-2", location: at, message: `cross-tool intercept phrase "${shadow}"` });
    for (const token of text.toLowerCase().match(/[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+|[a-z]+_[a-z]+/g) ?? []) {
      const ns = token.split("_")[0]!;
      const foreignNamespace = ns !== namespace && FIRST_PARTY_NAMESPACES.includes(ns) && token.includes("_");
      if (token !== name && (others.has(token) || foreignNamespace)) {
        out.push({
          ruleId: "L-SHADOW-1",
          location: at,
          message: `names another plugin's or server's tool "${token}"`,
        });
        break;
      }
    }
    for (const url of text.match(URL_RE) ?? []) {
      const host = hostOf(url);
      if (!EXAMPLE_HOST.test(host)) out.push({ ruleId: "L-EXFIL-1", location: at, message: `URL ${url}` });
    }
    for (const email of text.match(EMAIL_RE) ?? []) {
      if (!EXAMPLE_HOST.test(email.split("@")[1] ?? ""))
        out.push({ ruleId: "L-EXFIL-1", location: at, message: `e-mail address ${email}` });
    }
  }
  const props = (tool.inputSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (props && typeof props === "object") {
    const description = typeof tool.description === "string" ? tool.description.toLowerCase() : "";
    for (const [prop, sub] of Object.entries(props)) {
      const type = (sub as { type?: unknown } | undefined)?.type;
      if (
        SIDE_CHANNEL_PARAMS.has(prop.toLowerCase()) &&
        (type === "string" || type === undefined) &&
        !description.includes(prop.toLowerCase())
      ) {
        out.push({
          ruleId: "L-POISON-7",
          location: { tool: name, pointer: `/inputSchema/properties/${prop}` },
          message: `free-text parameter "${prop}" that the description does not mention`,
        });
      }
    }
  }
  return out;
}
