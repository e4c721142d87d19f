// Regenerates the JSON Schema block of docs/formats.md from the schema the code validates with.
// Run: npm run docs:formats (a test fails when the committed block is stale).
import { readFile, writeFile } from 'node:fs/promises';
import { formatDocsBlock, FORMAT_DOCS_PATH, replaceSchemaBlock } from './format-docs.ts';

const doc = await readFile(FORMAT_DOCS_PATH, 'utf8');
await writeFile(FORMAT_DOCS_PATH, replaceSchemaBlock(doc, formatDocsBlock()));
console.log(`updated ${FORMAT_DOCS_PATH}`);
