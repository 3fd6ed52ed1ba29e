// The dependency rule (ARCHITECTURE.md "The dependency rule"), checked by `npm test` (npm run lint:deps).
// Layers, lowest first: domain → repositories → services → interfaces (http, cli, web) → app (the
// composition root). A module may import its own layer or a lower one, never a higher one, and no module
// may reach itself again through its imports.
const REPOSITORIES = ['^src/db/', '\\.repository\\.ts$', '\\.tables\\.ts$'];
const SERVICES = [
  '\\.service\\.ts$',
  '^src/(records|audit|auth|mail|fhir|exchange|demo|synthetic|cohort|dashboard|patients|alerts|assessments|clinics|users)/',
  '^src/safety/hooks\\.ts$',
  '^src/schedules/(refresh-due|tick|loop|completions)\\.ts$',
];
const INTERFACES = ['^src/(http|cli)/', '^web/'];
const APP = ['^src/app/'];
const TESTS = ['\\.test\\.tsx?$', '^test/', 'test-builders\\.ts$', 'fixtures\\.ts$'];
const DOMAIN_NOT = [...REPOSITORIES, ...SERVICES, ...INTERFACES, ...APP, ...TESTS];

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'An import cycle: split the module or move the shared part down a layer.', from: {}, to: { circular: true } },
    { name: 'domain-is-pure', severity: 'error', comment: 'Domain code (scoring, outcomes, statistics, rules) reads no database and serves no interface.', from: { pathNot: DOMAIN_NOT }, to: { path: [...REPOSITORIES, ...SERVICES, ...INTERFACES, ...APP] } },
    { name: 'repositories-below-services', severity: 'error', from: { path: REPOSITORIES, pathNot: TESTS }, to: { path: [...SERVICES, ...INTERFACES, ...APP], pathNot: REPOSITORIES } },
    { name: 'services-below-interfaces', severity: 'error', from: { path: SERVICES, pathNot: [...TESTS, ...REPOSITORIES] }, to: { path: [...INTERFACES, ...APP] } },
    { name: 'interfaces-below-app', severity: 'error', comment: 'Only the composition root (src/app) wires the interfaces together.', from: { path: INTERFACES, pathNot: TESTS }, to: { path: APP } },
    { name: 'http-and-cli-apart', severity: 'error', from: { path: '^src/cli/' }, to: { path: '^src/http/' } },
    { name: 'cli-and-http-apart', severity: 'error', from: { path: '^src/http/' }, to: { path: '^src/cli/' } },
    { name: 'no-test-code-in-product', severity: 'error', from: { pathNot: TESTS }, to: { path: TESTS } },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/', '^web/dist/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
