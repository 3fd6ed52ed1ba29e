#!/usr/bin/env node
// The `onset` command. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
import { main } from '../dist/app/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
