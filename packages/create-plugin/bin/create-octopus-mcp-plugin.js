#!/usr/bin/env node
// Committed launcher so the bin exists at install time; the CLI itself is built to dist/.
import process from "node:process";
import { runCreatePluginCli } from "../dist/cli.js";

process.exitCode = await runCreatePluginCli(process.argv.slice(2));
