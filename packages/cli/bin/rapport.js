#!/usr/bin/env node
// The `rapport` command: a file that exists before the build, so `npm ci` in a clone links
// it; the command itself is the built dist/bin.js.
import '../dist/bin.js';
