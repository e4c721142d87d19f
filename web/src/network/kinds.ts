// How each kind of node looks: one colour (Okabe–Ito, told apart with colour-blindness) and one
// shape each, so the legend and the graph agree and kinds differ by more than colour alone.
import type { NodeKind } from './types.ts';

/** A cytoscape node shape with an SVG drawing of it for the legend (24×24 box). */
export interface KindStyle {
  readonly colour: string;
  readonly shape:
    'ellipse' | 'diamond' | 'round-rectangle' | 'triangle' | 'hexagon' | 'star' | 'rectangle';
  /** SVG points or null for a circle / rounded square drawn specially. */
  readonly svg: string;
}

export const KIND_STYLES: Readonly<Record<NodeKind, KindStyle>> = {
  advert: { colour: '#0072B2', shape: 'ellipse', svg: 'circle' },
  phone: { colour: '#D55E00', shape: 'diamond', svg: '12,2 22,12 12,22 2,12' },
  email: { colour: '#009E73', shape: 'round-rectangle', svg: 'rounded' },
  handle: { colour: '#CC79A7', shape: 'triangle', svg: '12,2 22,21 2,21' },
  account: { colour: '#E69F00', shape: 'hexagon', svg: '7,3 17,3 22,12 17,21 7,21 2,12' },
  payer: {
    colour: '#56B4E9',
    shape: 'star',
    svg: '12,2 14.9,8.6 22,9.3 16.7,14 18.2,21 12,17.3 5.8,21 7.3,14 2,9.3 9.1,8.6',
  },
  image: { colour: '#6B6B00', shape: 'rectangle', svg: '3,3 21,3 21,21 3,21' },
};

/** Border colours of advert nodes by level. */
export const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  none: '#8a8a8a',
  low: '#2f7d32',
  medium: '#b26a00',
  high: '#b00020',
};

/** Edge colours by link type: identifier links take their kind's colour. */
export function edgeColour(type: string): string {
  if (type === 'text') return '#444444';
  if (type in KIND_STYLES) return KIND_STYLES[type as NodeKind].colour;
  return '#777777';
}
