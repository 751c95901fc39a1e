#!/usr/bin/env node
/**
 * The sizes a person has to hold in their head (`npm run sizes`): the largest source files and
 * every function longer than a limit, counted in lines from its first to its last line, with the
 * TypeScript compiler's parser. Test files are left out. A named function, a method, or an arrow
 * function given to a route (`.get('/path', async (c) => …)`) or a variable is counted; a function
 * nested in a longer one is listed in its own right.
 *
 *   npm run sizes               the ten largest files, and the functions over 120 lines
 *   npm run sizes -- --limit 80 the functions over 80 lines
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 120;

const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n)) files.push(p);
  }
};
walk('src');

const sizes = [];
const long = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true, f.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  sizes.push({ f, lines: sf.getLineAndCharacterOfPosition(text.length).line + 1 });
  const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const nameOf = (node) => {
    if (node.name && ts.isIdentifier(node.name)) return node.name.text;
    const p = node.parent;
    if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (p && ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
    if (p && ts.isCallExpression(p)) {
      const route = p.arguments.find((a) => ts.isStringLiteral(a));
      const callee = ts.isPropertyAccessExpression(p.expression) ? p.expression.name.text : p.expression.getText(sf).slice(0, 30);
      return route ? `${callee} ${route.text}` : `(argument of ${callee})`;
    }
    return '(anonymous)';
  };
  const visit = (node) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const from = lineOf(node.getStart(sf));
      const to = lineOf(node.end);
      const n = to - from + 1;
      if (n > limit) long.push({ f, name: nameOf(node), from, n });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

sizes.sort((a, b) => b.lines - a.lines);
console.log(`Tệp mã nguồn (không kể kiểm thử): ${files.length}; lớn nhất:`);
for (const s of sizes.slice(0, 10)) console.log(`  ${String(s.lines).padStart(5)}  ${s.f}`);
long.sort((a, b) => b.n - a.n);
console.log(`Hàm dài hơn ${limit} dòng: ${long.length}`);
for (const l of long) console.log(`  ${String(l.n).padStart(5)}  ${l.f}:${l.from}  ${l.name}`);
