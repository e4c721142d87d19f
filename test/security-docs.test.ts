import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  currentSecurityBlock,
  SECURITY_DOCS_PATH,
  securityDocsBlock,
  withoutTablePadding,
} from '../scripts/security-docs.ts';

describe('docs/security.md', () => {
  it('carries the permission matrix of the code (run scripts/write-security-docs.ts)', () => {
    const committed = currentSecurityBlock(readFileSync(SECURITY_DOCS_PATH, 'utf8'));
    expect(committed, 'the generated-block markers are missing').not.toBeNull();
    expect(withoutTablePadding(committed ?? '')).toBe(withoutTablePadding(securityDocsBlock()));
  });
});
