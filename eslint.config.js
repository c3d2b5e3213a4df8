import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

// The boundaries of the code, held by the linter (docs/adr/0009-a-folder-per-job.md):
// - src/domain is pure: it imports nothing of the project outside itself (its tests may read the
//   shipped reference data);
// - src/db, src/web and src/lib never import a feature;
// - a feature reaches another only through that feature's index.ts;
// - inside a feature, routes -> service -> repository: routes never touch a repository, a service
//   never imports routes, a repository imports neither.
const root = import.meta.dirname;
const features = readdirSync(join(root, 'src', 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const feature = (name) => `src/features/${name}`;
const anyFeature = (file) => join(root, 'src', 'features', '*', file);
const boundaries = [
  {
    target: 'src/domain',
    from: 'src',
    except: ['./domain', './db/reference'],
    message: 'The domain module is pure: it imports nothing of the project outside src/domain.',
  },
  { target: ['src/db', 'src/web', 'src/lib'], from: 'src/features', message: 'db/, web/ and lib/ never import a feature: the feature imports them.' },
  ...features.flatMap((name) =>
    features
      .filter((other) => other !== name)
      .map((other) => ({
        target: feature(name),
        from: feature(other),
        except: ['./index.ts'],
        message: `Use ${other}'s index.ts: a feature reaches another only through its index.`,
      })),
  ),
  { target: anyFeature('routes.ts'), from: [anyFeature('repository.ts')], message: 'Routes call services; only services use repositories.' },
  { target: anyFeature('service.ts'), from: [anyFeature('routes.ts')], message: 'A service never depends on its routes.' },
  { target: anyFeature('repository.ts'), from: [anyFeature('service.ts'), anyFeature('routes.ts')], message: 'A repository holds SQL only; it calls no service or route.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', 'public/', 'data/', 'test-results/', 'playwright-report/', 'src/db/migrations/', 'bench/tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaries }] },
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Blob: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config.ts only.',
        },
      ],
    },
  },
  {
    // Configuration, scripts and the test harness are where the environment is legitimately read.
    files: ['src/config.ts', 'scripts/**', 'src/test/**', '**/*.test.ts', 'e2e/**', 'playwright.config.ts', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/assets/javascripts/**'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly' } },
  },
);
