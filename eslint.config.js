// Lint: typescript-eslint strict rules plus the folder import rules of ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = { group: ['node:*'], message: 'This folder must not use Node APIs.' };
const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/ may import electron.',
};
const noReact = { group: ['react', 'react-dom', '@mantine/*'], message: 'No UI libraries here.' };
const folder = (name) => ({
  group: [`**/${name}/**`, `**/${name}`],
  message: `Must not import ${name}/.`,
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      '.tools',
      '.data',
      'db/migrations',
      'server/database/migrations',
      'test-results',
      'bench-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'No default exports.' },
      ],
    },
  },
  {
    files: ['*.config.ts', '*.config.js', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            noElectron,
            noReact,
            folder('db'),
            folder('services'),
            folder('renderer'),
            folder('server'),
            folder('electron'),
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            noReact,
            folder('services'),
            folder('renderer'),
            folder('server'),
            folder('electron'),
          ],
        },
      ],
    },
  },
  {
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [noElectron, noReact, folder('renderer'), folder('server'), folder('electron')],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noReact, folder('renderer'), folder('server')] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic hook rules; the compiler-oriented ones flag async loaders as sync setState.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            noElectron,
            folder('db'),
            folder('services'),
            folder('server'),
            folder('electron'),
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            noReact,
            folder('renderer'),
            folder('electron'),
            // Two exceptions: the password module is shared, so office and province hash,
            // verify, lock out and judge passwords the same way; and the sealed box, so both
            // ends seal and open with one code (services/security/sealed-box).
            {
              regex: '(^|/)services(/(?!passwords$|security/sealed-box$).*)?$',
              message:
                'Must not import services/ (except services/passwords, services/security/sealed-box).',
            },
            folder('db'),
          ],
        },
      ],
    },
  },
);
