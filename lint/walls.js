// The walls between the modules of src/, as ESLint rules (a local plugin, used by eslint.config.js):
//
// - walls/layer-order: a module imports only from the layers below its own (lint/layers.js);
// - walls/feature-entities: a module uses another module's entity classes as types only. Its
//   tables are read and changed through the owner's exported service, so a value use (a query
//   through the class, `new`, a repository, forFeature) of another module's `…Entity` is refused.
//
// A module is a folder of src/ or a file at its root; files outside src/ are not judged.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { LAYERS, layerOf } from './layers.js';

const SOURCE_ROOT = 'src';

/** The module of a file (first path segment under src/, without a root file's extension); null outside src/. */
export function moduleOf(file, cwd) {
  const path = relative(resolve(cwd, SOURCE_ROOT), file);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return null;
  return path.split(sep)[0].replace(/\.[cm]?[jt]sx?$/, '');
}

/** The file a relative import names (its module is all that matters); null for a package. */
function importedFile(file, source) {
  return typeof source === 'string' && source.startsWith('.') ? resolve(dirname(file), source) : null;
}

/** Every statement that names another file: imports, re-exports, and `import()`. */
function eachImport(context, visit) {
  const file = context.filename;
  const check = (node, source) => {
    const target = importedFile(file, source);
    if (target) visit(node, target);
  };
  return {
    ImportDeclaration: (node) => check(node, node.source.value),
    ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
    ExportAllDeclaration: (node) => check(node, node.source.value),
    ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
  };
}

const layerOrder = {
  meta: {
    type: 'problem',
    docs: { description: 'A module of src/ imports only from the layers below its own (lint/layers.js)' },
    schema: [],
    messages: {
      upward:
        '{{from}} may not import from {{to}}: {{to}} is not below {{from}} in the layer order (lint/layers.js). Move the code down, or let {{to}} call {{from}} instead.',
      unplaced: 'src/{{module}} is in no layer of lint/layers.js: place it in the order.',
    },
  },
  create(context) {
    const from = moduleOf(context.filename, context.cwd);
    if (from === null) return {};
    const own = layerOf(from);
    const reported = new Set();
    return {
      Program(node) {
        if (own === undefined) context.report({ node, messageId: 'unplaced', data: { module: from } });
      },
      ...eachImport(context, (node, target) => {
        const to = moduleOf(target, context.cwd);
        if (to === null || to === from || own === undefined) return;
        const theirs = layerOf(to);
        if (theirs === undefined) {
          if (!reported.has(to)) context.report({ node, messageId: 'unplaced', data: { module: to } });
          reported.add(to);
        } else if (theirs <= own) {
          context.report({ node, messageId: 'upward', data: { from, to } });
        }
      }),
    };
  },
};

const ENTITY_CLASS = /Entity$/;

const featureEntities = {
  meta: {
    type: 'problem',
    docs: { description: "No value use of another module's entity classes; type imports are fine" },
    schema: [],
    messages: {
      value: "{{name}} belongs to {{owner}}: read and change its table through {{owner}}'s exported service. A type import (`import type`) is fine.",
    },
  },
  create(context) {
    const from = moduleOf(context.filename, context.cwd);
    if (from === null) return {};
    const usedAsValue = (specifier) =>
      context.sourceCode.getDeclaredVariables(specifier).some((variable) => variable.references.some((reference) => reference.isValueReference));
    return eachImport(context, (node, target) => {
      const owner = moduleOf(target, context.cwd);
      if (owner === null || owner === from) return;
      if (node.type === 'ImportDeclaration') {
        if (node.importKind === 'type') return;
        for (const specifier of node.specifiers) {
          const name = specifier.type === 'ImportSpecifier' ? (specifier.imported.name ?? specifier.imported.value) : specifier.local.name;
          if (specifier.importKind === 'type' || !ENTITY_CLASS.test(name)) continue;
          if (usedAsValue(specifier)) context.report({ node: specifier, messageId: 'value', data: { name, owner } });
        }
      } else if (node.type === 'ExportNamedDeclaration' && node.exportKind !== 'type') {
        for (const specifier of node.specifiers) {
          const name = specifier.local.name ?? specifier.local.value;
          if (specifier.exportKind !== 'type' && ENTITY_CLASS.test(name)) context.report({ node: specifier, messageId: 'value', data: { name, owner } });
        }
      }
    });
  },
};

export const walls = {
  meta: { name: 'walls' },
  rules: { 'layer-order': layerOrder, 'feature-entities': featureEntities },
};

export { LAYERS };
