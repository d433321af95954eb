// Keeps modules small enough to read (docs/architecture.md, "Size limits"): no source file
// over 400 lines and no function over 80 lines, outside tests and the gradient-boosting
// kernels (learners/gbdt/, deliberately unrolled for speed). Part of `npm run lint`.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const exempt = (file) => /\.test\.tsx?$/.test(file) || file.includes('/learners/gbdt/');

const files = execSync('git ls-files -co --exclude-standard -- electron renderer shared', {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /\.tsx?$/.test(f) && !exempt(f));

const problems = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // Listed but deleted in the working tree.
  }
  const lines = text.split('\n').length;
  if (lines > MAX_FILE_LINES) problems.push(`${file}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) {
        const name = node.name?.getText() ?? ts.SyntaxKind[node.kind];
        problems.push(
          `${file}:${start + 1}: ${name} is ${end - start + 1} lines (at most ${MAX_FUNCTION_LINES})`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(
    `${problems.length} size limit(s) exceeded: split the module or function into ones of one concept.`,
  );
  process.exit(1);
}
