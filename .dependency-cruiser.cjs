/**
 * The dependency rule of jobpipe, checked by `npm run lint` (dependency-cruiser). See docs/architecture.md
 * (its package diagram is generated from these rules by scripts/package-diagram.mjs).
 *
 *   contracts → shared → services → cli / infra, one way; a service never imports another;
 *   tools (tools/*) are imported only by tests, the bench and the CLI, never by what ships;
 *   no src file imports a test file; no module imports one that imports it back; crm-api's routes reach storage only through use-cases.
 *
 * Paths are relative to the repository root. Type-only imports count (`tsPreCompilationDeps`). Known
 * violations, each with the issue that removes it, are listed in .dependency-cruiser-known-violations.json
 * (`--ignore-known`): they are reported as warnings; anything else breaking a rule fails the lint.
 */

/** Any package's tests (and their support files and fixtures). */
const TESTS = '^(contracts|shared|mcp|services/[^/]+|cli|infra|tools/[^/]+)/test/';

/** crm-api's HTTP routes. */
const ROUTES = '^services/crm-api/src/http/routes/';

module.exports = {
  forbidden: [
    {
      name: 'contracts-imports-no-package',
      comment: 'contracts is the bottom layer: what travels between services; it imports no other package of the repository.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(shared|mcp|services|cli|infra|tools|bench)/' },
    },
    {
      name: 'shared-imports-only-contracts',
      comment: 'shared (ports, adapters, runtime) builds on contracts only.',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: { path: '^(mcp|services|cli|infra|tools|bench)/' },
    },
    {
      name: 'mcp-imports-no-package',
      comment:
        'mcp (the MCP server over the crm-api HTTP API) sits beside shared: it imports no package of the repository, so crm-api and the CLI may use it.',
      severity: 'error',
      from: { path: '^mcp/src/' },
      to: { path: '^(contracts|shared|services|cli|infra|tools|bench)/' },
    },
    {
      name: 'service-imports-only-contracts-and-shared',
      comment:
        'A service is built from contracts, shared (and mcp, a protocol library); it never reaches up to the CLI, infra or the bench, or into tools.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/' },
      to: { path: '^(cli|infra|tools|bench)/' },
    },
    {
      name: 'no-service-imports-another',
      comment: 'Services talk only through events; not even their tests import another service.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'infra-imports-no-cli-tools-or-bench',
      comment: 'infra (the CDK app) may import contracts, shared and the services, nothing above or beside them.',
      severity: 'error',
      from: { path: '^infra/src/' },
      to: { path: '^(cli|tools|bench)/' },
    },
    {
      name: 'cli-imports-no-infra-or-bench',
      comment: 'The CLI runs the stack embedded; the AWS CDK app and the bench are not part of it.',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^(infra|bench)/' },
    },
    {
      name: 'tools-imported-only-by-tests-bench-cli',
      comment:
        'Tools (the replay, the test kit) are for tests, the bench and the CLI; nothing that ships in a service bundle or a Lambda package imports them.',
      severity: 'error',
      from: { path: '^(contracts|shared|mcp|services/[^/]+|infra)/', pathNot: TESTS },
      to: { path: '^tools/' },
    },
    {
      name: 'tools-import-no-service',
      comment:
        "A tool builds on contracts, shared and other tools only: services' tests import tools, so a tool importing a service (or the CLI) would be a package cycle.",
      severity: 'error',
      from: { path: '^tools/' },
      to: { path: '^(services|cli|infra|bench)/' },
    },
    {
      name: 'no-src-imports-test',
      comment: 'Source never imports a test file (tests, fixtures and test support stay out of what ships).',
      severity: 'error',
      from: { path: '^(contracts|shared|mcp|services/[^/]+|cli|infra|tools/[^/]+)/(src|scripts|bin)/' },
      to: { path: '/test/' },
    },
    {
      name: 'bench-imports-no-test',
      comment: "The bench imports no package's test files: what it shares with tests lives in tools/test-kit or tools/replay.",
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '/test/' },
    },
    {
      name: 'no-circular',
      comment:
        'No module imports one that imports it back, in any package (types and dynamic imports count): a leaf module holds what several need, e.g. the Environment type in shared, the run-coverage types in the scraper.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'routes-use-use-cases-not-storage',
      comment:
        "crm-api's routes call use-cases; they never import adapters or storage (shared's table, blob and secret ports and their adapters).",
      severity: 'error',
      // dependency-cruiser sees modules, not names: a storage port's type taken through shared's face
      // (`@jobpipe/shared`, which routes may import for its pure helpers) is not caught here.
      from: { path: ROUTES },
      to: { path: ['^services/crm-api/src/adapters/', '^shared/src/(ports/(tables|blobs|secrets)\\.ts$|tables/|embedded/|aws/)'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|cdk\\.out|\\.turbo|\\.test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
  },
};
