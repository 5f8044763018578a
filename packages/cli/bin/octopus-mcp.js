#!/usr/bin/env node
// Committed launcher so the bin exists at install time (before `dist/` is built).
import "../dist/main.js";
