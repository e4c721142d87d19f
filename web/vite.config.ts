// Builds the reviewer web app into web/dist: everything bundled (no CDN, no remote fonts), hashed
// file names under assets/ so the server can cache them for a year. The indicator catalogue is
// compiled in from catalogue/indicators.yaml (display fields only) as `virtual:catalogue`, so the
// app can link every piece of evidence to its catalogue entry without an extra API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('.', import.meta.url));
const catalogueFile = fileURLToPath(new URL('../catalogue/indicators.yaml', import.meta.url));
const VIRTUAL = 'virtual:catalogue';

interface CatalogueYaml {
  version: string;
  indicators: {
    id: string;
    family: string;
    name: string;
    description: string;
    why?: string;
    source?: string;
    grade: string;
    weight: number;
    biasRisk?: boolean;
  }[];
}

/** `virtual:catalogue`: the catalogue's version and each indicator's display fields. */
function catalogue(): Plugin {
  return {
    name: 'beacon-catalogue',
    resolveId: {
      filter: { id: new RegExp(`^${VIRTUAL}$`) },
      handler: () => `\0${VIRTUAL}`,
    },
    load: {
      filter: { id: new RegExp(`^\0${VIRTUAL}$`) },
      handler() {
        this.addWatchFile(catalogueFile);
        const doc = parse(readFileSync(catalogueFile, 'utf8')) as CatalogueYaml;
        const indicators = doc.indicators.map((i) => ({
          id: i.id,
          family: i.family,
          name: i.name,
          description: i.description,
          why: i.why ?? null,
          source: i.source ?? null,
          grade: i.grade,
          weight: i.weight,
        }));
        return `export default ${JSON.stringify({ version: doc.version, indicators })};`;
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), catalogue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
