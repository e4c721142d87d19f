import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_DOCS_PATH, formatDocsBlock } from '../scripts/format-docs.ts';

describe('docs/formats.md', () => {
  it('carries the JSON Schema generated from the validating schema (run npm run docs:formats)', () => {
    expect(readFileSync(FORMAT_DOCS_PATH, 'utf8')).toContain(formatDocsBlock());
  });
});
