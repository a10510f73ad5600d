// Checks grade-class.yml's split of trust: CLASS_TOKEN (read access to every student's repository)
// appears in one job only, the one that fetches the answers; that job runs no student YAML (no
// Maven, no grader action) and caches nothing; every other job names no secret at all, so a
// student's YAML, applied there, can reach no token. Exit status 1 on any breach, each said.
const fs = require('fs');
const YAML = require('yaml');

const file = process.argv[2];
const jobs = YAML.parse(fs.readFileSync(file, 'utf8')).jobs;
const problems = [];
const holders = Object.entries(jobs).filter(([, job]) => JSON.stringify(job).includes('secrets.CLASS_TOKEN'));
if (holders.length !== 1) {
  problems.push(`CLASS_TOKEN is in ${holders.length} jobs (${holders.map(([n]) => n).join(', ')}): it belongs in one, the fetch job`);
}
for (const [name, job] of holders) {
  for (const step of job.steps || []) {
    const text = JSON.stringify(step);
    if (/mvnw|\bmvn\b/.test(text) || step.uses === './' || (step.uses || '').startsWith('./')) {
      problems.push(`${name} holds CLASS_TOKEN and runs the grader (${step.name || step.uses || step.run}): student YAML beside the token`);
    }
    if ((step.uses || '').startsWith('actions/cache') || text.includes('"cache":')) {
      problems.push(`${name} holds CLASS_TOKEN and caches (${step.uses}): a cache outlives the job`);
    }
  }
}
for (const [name, job] of Object.entries(jobs)) {
  if (holders.some(([holder]) => holder === name)) {
    continue;
  }
  if (JSON.stringify(job).includes('secrets.')) {
    problems.push(`${name} names a secret: a job that applies student YAML must see none`);
  }
  for (const step of job.steps || []) {
    if ((step.uses || '').startsWith('actions/checkout') && step.with && step.with.repository) {
      problems.push(`${name} checks out ${step.with.repository}: answers reach grading jobs as artifacts only`);
    }
  }
}
// the suite's output quotes the answers and the cluster: wherever it runs, workflow commands are off
// (::stop-commands::TOKEN before it, ::TOKEN:: after), so no text of a student's is a command
for (const [name, job] of Object.entries(jobs)) {
  for (const step of job.steps || []) {
    const run = step.run || '';
    const maven = run.search(/mvnw|\bmvn\b/);
    if (maven >= 0 && !(run.lastIndexOf('::stop-commands::', maven) >= 0 && run.indexOf("'\\n::%s::\\n'", maven) > maven)) {
      problems.push(`${name} runs the suite (${step.name || 'a step'}) with workflow commands on: a line of an answer's text could be one`);
    }
  }
}
problems.forEach((p) => console.log(`PROBLEM ${file}: ${p}`));
console.log(`${file}: ${problems.length === 0 ? 'the token stays in the fetch job' : problems.length + ' problem(s)'}`);
process.exit(problems.length === 0 ? 0 : 1);
