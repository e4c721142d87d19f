// Types of `virtual:catalogue`, compiled from catalogue/indicators.yaml by web/vite.config.ts.
declare module 'virtual:catalogue' {
  /** One indicator's display fields. */
  export interface CatalogueIndicator {
    readonly id: string;
    readonly family: string;
    readonly name: string;
    readonly description: string;
    readonly why: string | null;
    readonly source: string | null;
    readonly grade: string;
    readonly weight: number;
  }
  const catalogue: { readonly version: string; readonly indicators: readonly CatalogueIndicator[] };
  export default catalogue;
}
