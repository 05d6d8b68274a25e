import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'app/generated/**', '.data/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Policy rules must be asked of the policy module, not re-implemented: role checks in
      // routes would be a second place for a rule.
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator='==='][right.value=/^(director|officer|lead_member|region_lead|admin)$/][left.property.name='role']",
          message: 'Ask the policy module (can) instead of checking roles here.',
        },
      ],
    },
  },
  {
    // The policy module is where role checks belong.
    files: ['app/policy/**', 'app/seed/**', 'app/invitations/**', 'app/auth/session.server.ts', 'scripts/**', 'test/**', 'e2e/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
