// Every API route, in one list: the server registers it and the authorisation matrix test walks it.
import type { RouteDef, RouteSchemas } from '../route.ts';
import { getAdvertRoute } from './adverts/get.ts';
import { ingestAdvertsRoute } from './adverts/ingest.ts';
import { listAdvertsRoute } from './adverts/list.ts';
import { getNetworkRoute } from './networks/get.ts';
import { listNetworksRoute } from './networks/list.ts';

export const ROUTES: readonly RouteDef<RouteSchemas>[] = [
  ingestAdvertsRoute,
  listAdvertsRoute,
  getAdvertRoute,
  listNetworksRoute,
  getNetworkRoute,
] as unknown as readonly RouteDef<RouteSchemas>[];
