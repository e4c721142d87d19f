// The indicator catalogue as the app sees it: names for ids, and the link to each entry.
import catalogue from 'virtual:catalogue';
import type { CatalogueIndicator } from 'virtual:catalogue';

export type { CatalogueIndicator };

const byId = new Map(catalogue.indicators.map((i) => [i.id, i]));

/** Every indicator, in catalogue order. */
export const INDICATORS: readonly CatalogueIndicator[] = catalogue.indicators;
/** The catalogue version compiled into this build. */
export const CATALOGUE_VERSION = catalogue.version;

/** The indicator with this id, if the catalogue has it. */
export function indicator(id: string): CatalogueIndicator | undefined {
  return byId.get(id);
}

/** The indicator's readable name (its id when the catalogue does not know it). */
export function indicatorName(id: string): string {
  return byId.get(id)?.name ?? id;
}

/** The in-app address of the indicator's catalogue entry. */
export function catalogueHref(id: string): string {
  return `/catalogue#${encodeURIComponent(id)}`;
}

/** The element id of an indicator's entry on the catalogue screen. */
export function entryId(id: string): string {
  return `indicator-${id.replace(/[^a-z0-9-]/gi, '-')}`;
}
