#!/usr/bin/env node
// Import cycles between the modules of src/ (its folders and root files), as `npm run lint` checks
// them: prints each cycle as a path of modules with one import that closes each step, and exits 1
// when there is one. The layer order (lint/layers.js) already forbids them module by module; this
// looks at the whole graph, type imports included, so a loop can never hide between two rules.
//
//   node scripts/folder-cycles.js [source root, default src]
import console from 'node:console';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import process from 'node:process';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? 'src');

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.(spec|e2e-spec)\.tsx?$/.test(entry.name)) yield path;
  }
}

const moduleOf = (file) =>
  relative(root, file)
    .split(sep)[0]
    .replace(/\.[cm]?[jt]sx?$/, '');

/** module → module it imports → the first file and specifier that does it (for the report). */
const graph = new Map();
for (const file of sourceFiles(root)) {
  const from = moduleOf(file);
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = resolve(dirname(file), fileName);
    if (!target.startsWith(root + sep)) continue;
    const to = moduleOf(target);
    if (to === from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    const edges = graph.get(from);
    if (!edges.has(to)) edges.set(to, `${relative(process.cwd(), file)} imports ${fileName}`);
  }
}

// Depth-first search; an edge back to a module on the current path closes a cycle.
const cycles = [];
const done = new Set();
const path = [];
const onPath = new Set();
function visit(module) {
  path.push(module);
  onPath.add(module);
  for (const next of [...(graph.get(module)?.keys() ?? [])].sort()) {
    if (onPath.has(next)) cycles.push([...path.slice(path.indexOf(next)), next]);
    else if (!done.has(next)) visit(next);
  }
  onPath.delete(module);
  path.pop();
  done.add(module);
}
for (const module of [...graph.keys()].sort()) if (!done.has(module)) visit(module);

for (const cycle of cycles) {
  console.log(`cycle: ${cycle.join(' → ')}`);
  for (let i = 0; i + 1 < cycle.length; i++) console.log(`  ${graph.get(cycle[i]).get(cycle[i + 1])}`);
}
const name = relative(process.cwd(), root) || '.';
console.log(cycles.length ? `${cycles.length} import cycle(s) between the modules of ${name}` : `no import cycles between the modules of ${name}`);
process.exit(cycles.length ? 1 : 0);
