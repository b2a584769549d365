// Local lint rules for kernel-sim: no module-level state that belongs to one boot, no side-effect imports.
//
// Several machines live in one process (tests, the web host), so state a boot
// changes belongs in a defineState() slot (kernel/state.ts), never in a module
// variable that every machine would share. State that really is the same for
// every boot (a table filled once at load, a cache of pure results) may stay,
// marked with a comment that says why: `// kernel-static: <reason>`.

const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);
const CONTAINERS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);
const MARK = /\bkernel-static:\s*\S/;

/** True when the statement (or the line just above it) carries a kernel-static comment. */
function marked(source, node) {
  return source.getCommentsBefore(node).some((c) => MARK.test(c.value))
    || source.getCommentsInside(node).some((c) => MARK.test(c.value) && c.loc.start.line === node.loc.start.line);
}

/** What kind of container an initializer builds, or null. */
function container(init) {
  if (!init) return null;
  if (init.type === 'TSAsExpression' || init.type === 'TSSatisfiesExpression') return container(init.expression);
  if (init.type === 'NewExpression' && init.callee.type === 'Identifier' && CONTAINERS.has(init.callee.name)) return { kind: init.callee.name, empty: init.arguments.length === 0 };
  if (init.type === 'ArrayExpression') return { kind: 'array', empty: init.elements.length === 0 };
  if (init.type === 'ObjectExpression') return { kind: 'object', empty: init.properties.length === 0 };
  return null;
}

/** The top-level name a member chain starts from: `a.b[c].d` -> a. */
function root_name(node) {
  let n = node;
  while (n && (n.type === 'MemberExpression' || n.type === 'TSNonNullExpression')) n = n.type === 'MemberExpression' ? n.object : n.expression;
  return n && n.type === 'Identifier' ? n.name : null;
}

const noBootGlobal = {
  meta: {
    type: 'problem',
    docs: { description: 'Per-boot state belongs in defineState() slots, not module-level variables or containers.' },
    messages: {
      mutableBinding: "Module-level '{{kind}} {{name}}' is shared by every machine in the process: keep per-boot state in a defineState() slot, or mark it '// kernel-static: <why it is the same for every boot>'.",
      mutableContainer: "Module-level {{what}} '{{name}}' is {{why}} and shared by every machine in the process: keep per-boot state in a defineState() slot, or mark it '// kernel-static: <why it is the same for every boot>'.",
    },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode ?? context.getSourceCode();
    const containers = new Map(); // name -> { node, kind, empty, decl }
    const mutated = new Set();
    return {
      'Program > VariableDeclaration, Program > ExportNamedDeclaration > VariableDeclaration'(decl) {
        const stmt = decl.parent.type === 'ExportNamedDeclaration' ? decl.parent : decl;
        if (marked(source, stmt)) return;
        for (const d of decl.declarations) {
          if (d.id.type !== 'Identifier') continue;
          if (decl.kind !== 'const') { context.report({ node: d, messageId: 'mutableBinding', data: { kind: decl.kind, name: d.id.name } }); continue; }
          const c = container(d.init);
          if (c) containers.set(d.id.name, { node: d, ...c });
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !MUTATORS.has(callee.property.name)) return;
        // Only `x.push(...)` on the binding itself: `x[k].set(...)` calls a method of something x holds.
        if (callee.object.type === 'Identifier') mutated.add(callee.object.name);
      },
      AssignmentExpression(node) {
        if (node.left.type === 'MemberExpression') { const name = root_name(node.left); if (name) mutated.add(name); }
      },
      UpdateExpression(node) {
        if (node.argument.type === 'MemberExpression') { const name = root_name(node.argument); if (name) mutated.add(name); }
      },
      UnaryExpression(node) {
        if (node.operator === 'delete' && node.argument.type === 'MemberExpression') { const name = root_name(node.argument); if (name) mutated.add(name); }
      },
      'Program:exit'() {
        for (const [name, c] of containers) {
          const isCollection = c.kind === 'Map' || c.kind === 'Set' || c.kind === 'WeakMap' || c.kind === 'WeakSet';
          const what = isCollection ? `new ${c.kind}` : c.kind;
          // An empty collection at module level exists to be filled; anything else only counts when this file changes it.
          if (mutated.has(name)) context.report({ node: c.node, messageId: 'mutableContainer', data: { what, name, why: 'changed after load' } });
          else if (isCollection && c.empty) context.report({ node: c.node, messageId: 'mutableContainer', data: { what, name, why: 'created empty to be filled' } });
        }
      },
    };
  },
};

const noSideEffectImport = {
  meta: {
    type: 'problem',
    docs: { description: 'Units are reached through their folder\'s Kbuild.ts link-order list, never loaded for their side effects.' },
    messages: { sideEffect: "Side-effect import of '{{from}}': export the unit's initcalls/syscalls/ksymtab as data and list it in its folder's Kbuild.ts, or import what you use by name." },
    schema: [],
  },
  create(context) {
    return {
      ImportDeclaration(node) {
        if (node.specifiers.length === 0 && node.importKind !== 'type') context.report({ node, messageId: 'sideEffect', data: { from: node.source.value } });
      },
    };
  },
};

export default { rules: { 'no-boot-global': noBootGlobal, 'no-side-effect-import': noSideEffectImport } };
