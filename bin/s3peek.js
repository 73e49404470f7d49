#!/usr/bin/env node
// Thin entry: everything lives in the esbuild bundle (npm run build).
import '../dist/s3peek.js';
