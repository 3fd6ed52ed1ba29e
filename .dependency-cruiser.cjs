// The dependency rule (ARCHITECTURE.md "The dependency rule"), checked by `npm test` (`npm run lint:deps`).
// Layers, lowest first: domain → repositories → services → interfaces (http, cli, web) → app (the
// composition root, src/app). A module imports its own layer or a lower one, never a higher one, and no
// module reaches itself again through its imports. Tests, benchmarks and scripts stand outside the layers.
const DOMAIN = [
  '^src/(shared|instruments|outcomes|stats|forecast|evidence)/',
  '^src/safety/(?!(hooks|burden\\.service|history\\.service|safety-settings\\.service|safety-state\\.repository|check-state\\.service|check-state\\.loop)\\.ts$)',
  '^src/schedules/(?!(refresh-due|tick|loop|completions|due-list\\.service|course-schedule\\.service|clinic-templates\\.service|schedule-settings\\.service|due\\.repository|schedule\\.repository)\\.ts$)',
  '^src/progress/(?!progress\\.service\\.ts$)',
  '\\.schema\\.ts$',
  '^src/alerts/resolution\\.ts$',
  '^src/cohort/suppress\\.ts$',
  '^src/patients/label-key\\.ts$',
  '^src/doses/mg-per-kg\\.ts$',
  '^src/rems/(monitoring|form-fields)\\.ts$',
  '^src/billing/billing-lines\\.ts$',
  '^src/synthetic/(?!(load|load\\.repository|rows|index)\\.ts$)',
];
const REPOSITORIES = ['^src/db/', '\\.repository\\.ts$', '^src/synthetic/rows\\.ts$'];
const INTERFACES = ['^src/(http|cli)/', '^web/'];
const APP = ['^src/app/'];
const OUTSIDE = ['\\.test\\.tsx?$', '^test/', '^bench/', '^scripts/'];
// Test-only builders kept beside the code they build for (left out of the build, tsconfig.build.json).
const TEST_BUILDERS = ['test-builders\\.ts$', 'fixtures\\.ts$', '^src/fhir/map/test-records\\.ts$'];
const SRC = '^(src|web)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'An import cycle: move the shared part down a layer, or let the composition root wire it (src/app/compose.ts).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'Domain code (scoring, outcomes, statistics, rules, schedules) reads no database and calls no service.',
      from: { path: DOMAIN, pathNot: [...OUTSIDE, ...TEST_BUILDERS] },
      to: { path: SRC, pathNot: DOMAIN },
    },
    {
      name: 'repositories-below-services',
      severity: 'error',
      from: { path: REPOSITORIES, pathNot: OUTSIDE },
      to: { path: SRC, pathNot: [...DOMAIN, ...REPOSITORIES] },
    },
    {
      name: 'services-below-interfaces',
      severity: 'error',
      from: { path: '^src/', pathNot: [...OUTSIDE, ...INTERFACES, ...APP] },
      to: { path: [...INTERFACES, ...APP] },
    },
    {
      name: 'interfaces-below-app',
      severity: 'error',
      comment: 'Only the composition root (src/app) wires the interfaces together.',
      from: { path: INTERFACES, pathNot: OUTSIDE },
      to: { path: APP },
    },
    {
      name: 'cli-apart-from-http',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: OUTSIDE },
      to: { path: '^src/http/' },
    },
    {
      name: 'http-apart-from-cli',
      severity: 'error',
      from: { path: '^src/http/', pathNot: OUTSIDE },
      to: { path: '^src/cli/' },
    },
    {
      name: 'web-imports-only-domain',
      severity: 'error',
      comment: 'The browser bundle takes schemas, limits and words from src/, never a service or the database.',
      from: { path: '^web/', pathNot: OUTSIDE },
      to: { path: '^src/', pathNot: DOMAIN },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { path: SRC, pathNot: [...OUTSIDE, ...TEST_BUILDERS] },
      to: { path: [...OUTSIDE, ...TEST_BUILDERS] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/', '^web/dist/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
