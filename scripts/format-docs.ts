import { fileURLToPath } from 'node:url';
import { advertJsonSchema } from '../src/core/advert/advert-json-schema.ts';

/** docs/formats.md, whose schema block is generated. */
export const FORMAT_DOCS_PATH = fileURLToPath(new URL('../docs/formats.md', import.meta.url));
const BEGIN = '<!-- BEGIN GENERATED: advert-v1 JSON Schema (npm run docs:formats) -->';
const END = '<!-- END GENERATED -->';

/** The generated block: the JSON Schema as a fenced code block between markers. */
export function formatDocsBlock(): string {
  return `${BEGIN}\n\n\`\`\`json\n${JSON.stringify(advertJsonSchema(), null, 2)}\n\`\`\`\n\n${END}`;
}

/** The document with its generated block replaced. */
export function replaceSchemaBlock(doc: string, block: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a === -1 || b === -1) throw new Error(`docs/formats.md lacks the generated-block markers`);
  return doc.slice(0, a) + block + doc.slice(b + END.length);
}
