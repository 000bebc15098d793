// `npm run test:security`: Electronegativity over the Electron shell (electron/), failing on any
// finding of MEDIUM or HIGH severity that is not in the justified exclude list below.
//
// Electronegativity exits 0 whatever it finds, and its CLI needs `commander`, which its package does
// not declare; so this calls its runner directly, writes the SARIF report
// (test-results/electronegativity.sarif), reads it back and joins each result with the severity the
// runner reports (SARIF's `level` only says warning/note).
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

const inputArg = process.argv.indexOf('--input');
const input = path.resolve(root, inputArg > 0 ? process.argv[inputArg + 1] : 'electron');
const sarifPath = path.join(root, 'test-results', 'electronegativity.sarif');
const electronVersion = JSON.parse(
  readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;

/**
 * Findings we accept, each with the reason. Keep this list short: every entry is a place where the
 * scanner cannot see a protection that a unit test proves instead.
 */
export const EXCLUSIONS = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      'The CSP is a response header of every app:// document, built by contentSecurityPolicy() in ' +
      'electron/security/policy.ts and sent by electron/protocol.ts (both unit-tested). Electronegativity ' +
      'only recognises CSPs in HTML <meta> tags or literal webRequest.onHeadersReceived headers.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main.ts',
    reason:
      'Both shell.openExternal calls only run when decideNavigation()/decideWindowOpen() return ' +
      "'open-external', i.e. an https URL on the allowlisted government hosts (policy.test.ts). The check " +
      'flags any non-literal argument for manual review; this is that review.',
  },
];

const FAILING = new Set(['MEDIUM', 'HIGH']);

/** Global checks have no file: the runner writes `file:///`. */
function artifactFile(uri) {
  return !uri || uri === 'file:///' ? 'N/A' : uri;
}

async function readSarif(expectedResults) {
  // The runner writes the report with an un-awaited fs.writeFile: wait until it is complete.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (existsSync(sarifPath)) {
      try {
        const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
        if (sarif.runs?.[0]?.results?.length === expectedResults) return sarif;
      } catch {
        // still being written
      }
    }
    await sleep(50);
  }
  throw new Error(`no complete SARIF report at ${sarifPath}`);
}

async function main() {
  mkdirSync(path.dirname(sarifPath), { recursive: true });
  rmSync(sarifPath, { force: true });
  console.log(
    `Electronegativity: scanning ${path.relative(root, input) || '.'} (Electron ${electronVersion})…`,
  );
  const result = await run(
    {
      input,
      output: sarifPath,
      isSarif: true,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const sarif = await readSarif(result.issues.length);
  const findings = sarif.runs[0].results.map((sarifResult, index) => {
    const issue = result.issues[index];
    if (!issue || issue.id !== sarifResult.ruleId) throw new Error('SARIF results do not match the scan');
    return {
      id: sarifResult.ruleId,
      file: artifactFile(sarifResult.locations?.[0]?.physicalLocation?.artifactLocation?.uri),
      line: sarifResult.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      message: sarifResult.message.text,
    };
  });

  const excluded = (finding) =>
    EXCLUSIONS.find((rule) => rule.id === finding.id && rule.file === finding.file);
  const failing = [];
  for (const finding of findings) {
    const rule = excluded(finding);
    const where = `${finding.file}:${finding.line}`;
    const label = `${finding.severity}/${finding.confidence} ${finding.id} at ${where}`;
    if (rule) console.log(`  excluded  ${label}\n            ↳ ${rule.reason}`);
    else if (FAILING.has(finding.severity)) {
      failing.push(finding);
      console.log(`  FAIL      ${label}\n            ↳ ${finding.message}`);
    } else console.log(`  note      ${label}`);
  }
  // A file the parser could not read was not scanned at all: that must fail too.
  const unparsed = result.errors.filter((error) => !error.tolerable);
  for (const error of unparsed)
    console.log(`  FAIL      could not parse ${path.relative(root, error.file)}: ${error.message}`);

  console.log(
    `${result.globalChecks + result.atomicChecks} checks, ${findings.length} findings, ` +
      `${failing.length} failing, report: ${path.relative(root, sarifPath)}`,
  );
  if (failing.length > 0 || unparsed.length > 0) process.exitCode = 1;
}

// The scanner logs its own "no connectivity" warnings (translations, Electron release list); they do
// not change the checks run on the code.
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
