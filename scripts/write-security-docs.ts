// Regenerates the permission tables of docs/security.md from src/core/auth/permissions.ts and
// formats the page with Prettier. Run: node --import tsx scripts/write-security-docs.ts
// (test/security-docs.test.ts fails when the committed tables are stale).
import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { replaceSecurityBlock, SECURITY_DOCS_PATH, securityDocsBlock } from './security-docs.ts';

const doc = await readFile(SECURITY_DOCS_PATH, 'utf8');
const options = (await resolveConfig(SECURITY_DOCS_PATH)) ?? {};
const updated = replaceSecurityBlock(doc, securityDocsBlock());
await writeFile(
  SECURITY_DOCS_PATH,
  await format(updated, { ...options, filepath: SECURITY_DOCS_PATH }),
);
console.log(`updated ${SECURITY_DOCS_PATH}`);
