#!/usr/bin/env node
// Committed launcher so the bin exists at install time (before `dist/` is built). It loads the
// bundled command (scripts/bundle-cli.mjs), which starts much faster than dist/cli/main.js.
import "../dist/octopus-mcp-cli.js";
