/**
 * Turns Ajv errors for a call's arguments into `invalid_arguments` violations an agent can act on:
 * a JSON pointer to the offending argument, the JSON Schema keyword that failed, and a message.
 */
import type { ArgumentViolation } from "@octopus-mcp/core";
import type { ErrorObject } from "ajv";

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** One violation per Ajv error; `required`/`additionalProperties` point at the property itself. */
export function toViolations(errors: readonly ErrorObject[] | null | undefined): ArgumentViolation[] {
  return (errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case "required": {
        const name = String(params.missingProperty);
        return {
          path: `${error.instancePath}/${escape(name)}`,
          rule: "required",
          message: `argument "${name}" is required`,
        };
      }
      case "additionalProperties": {
        const name = String(params.additionalProperty);
        return {
          path: `${error.instancePath}/${escape(name)}`,
          rule: "additionalProperties",
          message: `argument "${name}" is not accepted by this tool; remove it (see the tool's inputSchema for the allowed arguments)`,
        };
      }
      case "enum": {
        const allowed = Array.isArray(params.allowedValues)
          ? params.allowedValues.map((v) => JSON.stringify(v)).join(", ")
          : "";
        return { path: error.instancePath, rule: "enum", message: `must be one of ${allowed}` };
      }
      default:
        return {
          path: error.instancePath,
          rule: error.keyword,
          message: error.message ?? `violates "${error.keyword}"`,
        };
    }
  });
}

/** `Invalid arguments for tool "x": /a: must be ...; /b: ...` */
export function summarizeViolations(toolName: string, violations: readonly ArgumentViolation[]): string {
  const parts = violations.map((v) => `${v.path === "" ? "(arguments)" : v.path}: ${v.message}`);
  return `Invalid arguments for tool "${toolName}": ${parts.join("; ")}`;
}
