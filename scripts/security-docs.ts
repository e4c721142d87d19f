import { fileURLToPath } from 'node:url';
import {
  API_KEY_SCOPES,
  PERMISSION_DESCRIPTIONS,
  PERMISSION_MATRIX,
  ROLES_BY_ORG_KIND,
} from '../src/core/auth/permissions.ts';
import { ORG_KINDS, PERMISSIONS, ROLES } from '../src/core/auth/roles.ts';

/** docs/security.md, whose permission tables are generated from the code. */
export const SECURITY_DOCS_PATH = fileURLToPath(new URL('../docs/security.md', import.meta.url));
const BEGIN =
  '<!-- BEGIN GENERATED: permission matrix (node --import tsx scripts/write-security-docs.ts) -->';
const END = '<!-- END GENERATED: permission matrix -->';

const YES = '✓';
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** The generated block: the permission matrix and the roles each kind of organisation may give. */
export function securityDocsBlock(): string {
  const scopes: readonly string[] = API_KEY_SCOPES;
  const matrix = table(
    ['permission', 'what it allows', ...ROLES.map((r) => `\`${r}\``), 'API key'],
    PERMISSIONS.map((p) => [
      `\`${p}\``,
      PERMISSION_DESCRIPTIONS[p],
      ...ROLES.map((r) => (PERMISSION_MATRIX[r].includes(p) ? YES : '')),
      scopes.includes(p) ? 'scope' : '',
    ]),
  );
  const kinds = table(
    ['organisation kind', 'roles its members may hold'],
    ORG_KINDS.map((k) => [`\`${k}\``, ROLES_BY_ORG_KIND[k].map((r) => `\`${r}\``).join(', ')]),
  );
  return `${BEGIN}\n\n${matrix}\n\n${kinds}\n\n${END}`;
}

/** The document with its generated block replaced. */
export function replaceSecurityBlock(doc: string, block: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a === -1 || b === -1) throw new Error('docs/security.md lacks the generated-block markers');
  return doc.slice(0, a) + block + doc.slice(b + END.length);
}

/** The generated block as it stands in a document, or null without markers. */
export function currentSecurityBlock(doc: string): string | null {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  return a === -1 || b === -1 ? null : doc.slice(a, b + END.length);
}

/**
 * Markdown with table padding taken out (Prettier aligns the committed tables), so a comparison
 * sees the cells only.
 */
export function withoutTablePadding(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^:?-+:?$/, '---'))
            .join('|')
        : line.trimEnd(),
    )
    .join('\n');
}
