// Jest: two projects. `node` runs the pure core, the backend and the CLI in a
// Node environment (the same runtime that ships inside the backend
// executable); `ui` runs React components in jsdom. Both reuse the scaffold's
// SWC transform. See SETUP-NOTES for the ESM packages listed here.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const esm = [...grafanaESModules, 'd3-.*', '@react-hookz/web', '@ver0/deep-equal', 'yaml'];
const swc = base.transform['^.+\\.(t|j)sx?$'];
const transform = { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc, '^.+\\.proto$': '<rootDir>/tests/jest/textTransform.js' };

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      setupFilesAfterEnv: ['<rootDir>/tests/jest/nodeEnv.js'],
      transform,
      testMatch: [
        '<rootDir>/src/core/**/*.test.ts',
        '<rootDir>/src/backend/**/*.test.ts',
        '<rootDir>/tests/node/**/*.test.ts',
      ],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json', 'proto'],
    },
    {
      displayName: 'ui',
      ...base,
      transform,
      testMatch: [
        '<rootDir>/src/**/*.test.tsx',
        '<rootDir>/src/datasource/**/*.test.ts',
        '<rootDir>/src/panels/**/*.test.ts',
        '<rootDir>/src/app/**/*.test.ts',
        '<rootDir>/src/components/**/*.test.ts',
      ],
      transformIgnorePatterns: [nodeModulesToTransform(esm)],
    },
  ],
};
