import { describe } from 'vitest';
import { readerSideTests } from './reader-suite.ts';

describe('a fixture site in Chromium (tests/fixtures/basic)', () => {
  readerSideTests('basic', '/issues/alpha/');
});
