// ESLint flat config, run by `npm run lint` (scripts/lint.mjs) with --max-warnings=0.
// typescript-eslint's type-aware recommendations everywhere (projectService: each file is
// checked with the tsconfig that owns it), Next's React/a11y/core-web-vitals rules for apps/web,
// Node globals for the rest. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import nextTypescript from 'eslint-config-next/typescript';
import nextVitals from 'eslint-config-next/core-web-vitals';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const web = 'apps/web/**/*.{js,jsx,mjs,ts,tsx}';
// eslint-config-next's configs apply to every file; confine them to the web app.
const forWeb = (configs) => configs.map((c) => (c.ignores && Object.keys(c).length === 1 ? c : { ...c, files: [web] }));

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/.next/**', '**/node_modules/**', '**/generated/**', '**/test-results/**', '**/playwright-report/**', '.data/**', 'packages/control-plane/**', 'apps/web/next-env.d.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          // The few root-level and vitest config files that no package tsconfig includes.
          allowDefaultProject: ['*.ts', 'test/*.ts', 'apps/api/vitest.config.ts', 'apps/worker/vitest.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // A leading underscore marks a binding that is dropped on purpose (`const { a: _a, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // React event handlers may be async (onClick={async () => …}); React ignores their return value.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  // Plain JavaScript (scripts/*.mjs, *.cjs configs) has no types to check against.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.test.ts', 'apps/web/e2e/**/*.ts'],
    rules: {
      // Tests read HTTP/JSON bodies that are `any` by design (supertest's res.body, fetch().json());
      // the assertions on them are the check, so typing every body would only add casts.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Stubs implement async interfaces (resolve(), fetch) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['packages/kube-sim/src/**/*.ts'],
    rules: {
      // The simulator stands in for an apiserver: it reads arbitrary client JSON (`unknown`/`any`
      // objects walked with dig()) and checks it in its own validation/ layer, as the real one does.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  ...forWeb(nextVitals),
  ...forWeb(nextTypescript),
  {
    files: [web],
    settings: { next: { rootDir: 'apps/web' } },
    rules: {
      // /api/docs/ is the API's Swagger UI, proxied by the app/api/[...path] route handler, not a page: a plain <a> is right.
      '@next/next/no-html-link-for-pages': 'off',
      // After sign-in, sign-out or joining an organization the whole page reloads on purpose (new session, no stale client state).
      '@next/next/no-location-assign-relative-destination': 'off',
    },
  },
);
