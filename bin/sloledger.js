#!/usr/bin/env node
// `npx sloledger <command>`: the CLI. It runs the same bundle as the backend
// executable (src/backend/main.ts without the plugin cookie = CLI mode),
// rebuilt with esbuild when a source file is newer than the bundle.
'use strict';
const path = require('node:path');
const { ensureBackendBundle } = require('../scripts/backend-bundle.js');

const bundle = ensureBackendBundle(path.resolve(__dirname, '..'));
require(bundle);
