// GENERATED from the host's strict Ajv (registry/strict-ajv.ts) by
// json-schema/strict-schema-rules-source.ts: do not edit.
// Regenerate with `UPDATE_SCHEMA=1 npx vitest run --project host test/json-schema/generated-validators.test.ts`.
import type { StrictSchemaRulesTable } from "../../registry/strict-schemas.js";

export const STRICT_SCHEMA_RULES_TABLE: StrictSchemaRulesTable = {
  "keywords": [
    "$async",
    "$comment",
    "$defs",
    "$dynamicAnchor",
    "$dynamicRef",
    "$id",
    "$recursiveAnchor",
    "$recursiveRef",
    "$ref",
    "$schema",
    "$vocabulary",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "contains",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "default",
    "definitions",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "deprecated",
    "description",
    "else",
    "enum",
    "examples",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "format",
    "formatExclusiveMaximum",
    "formatExclusiveMinimum",
    "formatMaximum",
    "formatMinimum",
    "id",
    "if",
    "items",
    "maxContains",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minContains",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "nullable",
    "oneOf",
    "pattern",
    "patternProperties",
    "prefixItems",
    "properties",
    "propertyNames",
    "readOnly",
    "required",
    "then",
    "title",
    "type",
    "unevaluatedItems",
    "unevaluatedProperties",
    "uniqueItems",
    "writeOnly"
  ],
  "withRule": [
    "$comment",
    "$dynamicAnchor",
    "$dynamicRef",
    "$recursiveAnchor",
    "$recursiveRef",
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "contains",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "else",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "format",
    "formatExclusiveMaximum",
    "formatExclusiveMinimum",
    "formatMaximum",
    "formatMinimum",
    "id",
    "if",
    "items",
    "maxContains",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minContains",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "nullable",
    "oneOf",
    "pattern",
    "patternProperties",
    "prefixItems",
    "properties",
    "propertyNames",
    "required",
    "then",
    "type",
    "unevaluatedItems",
    "unevaluatedProperties",
    "uniqueItems"
  ],
  "types": {
    "additionalProperties": [
      "object"
    ],
    "contains": [
      "array"
    ],
    "dependencies": [
      "object"
    ],
    "dependentRequired": [
      "object"
    ],
    "dependentSchemas": [
      "object"
    ],
    "exclusiveMaximum": [
      "number"
    ],
    "exclusiveMinimum": [
      "number"
    ],
    "format": [
      "number",
      "string"
    ],
    "formatExclusiveMaximum": [
      "string"
    ],
    "formatExclusiveMinimum": [
      "string"
    ],
    "formatMaximum": [
      "string"
    ],
    "formatMinimum": [
      "string"
    ],
    "items": [
      "array"
    ],
    "maxContains": [
      "array"
    ],
    "maxItems": [
      "array"
    ],
    "maxLength": [
      "string"
    ],
    "maxProperties": [
      "object"
    ],
    "maximum": [
      "number"
    ],
    "minContains": [
      "array"
    ],
    "minItems": [
      "array"
    ],
    "minLength": [
      "string"
    ],
    "minProperties": [
      "object"
    ],
    "minimum": [
      "number"
    ],
    "multipleOf": [
      "number"
    ],
    "pattern": [
      "string"
    ],
    "patternProperties": [
      "object"
    ],
    "prefixItems": [
      "array"
    ],
    "properties": [
      "object"
    ],
    "propertyNames": [
      "object"
    ],
    "required": [
      "object"
    ],
    "unevaluatedItems": [
      "array"
    ],
    "unevaluatedProperties": [
      "object"
    ],
    "uniqueItems": [
      "array"
    ]
  },
  "implementedBy": {},
  "formats": [
    "binary",
    "byte",
    "date",
    "date-time",
    "double",
    "duration",
    "email",
    "float",
    "hostname",
    "int32",
    "int64",
    "ipv4",
    "ipv6",
    "iso-date-time",
    "iso-time",
    "json-pointer",
    "json-pointer-uri-fragment",
    "password",
    "regex",
    "relative-json-pointer",
    "time",
    "uri",
    "uri-reference",
    "uri-template",
    "url",
    "uuid"
  ]
};
