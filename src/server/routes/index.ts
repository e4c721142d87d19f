// Every API route, in one list: the server registers it and the authorisation matrix test walks it.
import type { RouteDef, RouteSchemas } from '../route.ts';
import { getAdvertRoute } from './adverts/get.ts';
import { ingestAdvertsRoute } from './adverts/ingest.ts';
import { listAdvertsRoute } from './adverts/list.ts';
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from './api-keys/api-keys.ts';
import { listAuditRoute } from './audit/list.ts';
import { secondFactorRoute } from './auth/second-factor.ts';
import { meRoute, signOutRoute, switchOrgRoute } from './auth/session.ts';
import { signInRoute } from './auth/sign-in.ts';
import { beginTotpRoute, confirmTotpRoute } from './auth/totp.ts';
import { getNetworkRoute } from './networks/get.ts';
import { listNetworksRoute } from './networks/list.ts';
import { createImportRoute, getImportRoute } from './imports/imports.ts';
import { createReferralRoute } from './referrals/create.ts';
import {
  createWebhookRoute,
  deleteWebhookRoute,
  listDeliveriesRoute,
  listWebhooksRoute,
} from './webhooks/webhooks.ts';

export const ROUTES = [
  signInRoute,
  secondFactorRoute,
  beginTotpRoute,
  confirmTotpRoute,
  signOutRoute,
  meRoute,
  switchOrgRoute,
  ingestAdvertsRoute,
  listAdvertsRoute,
  getAdvertRoute,
  listNetworksRoute,
  getNetworkRoute,
  createReferralRoute,
  createApiKeyRoute,
  listApiKeysRoute,
  revokeApiKeyRoute,
  listAuditRoute,
  createWebhookRoute,
  listWebhooksRoute,
  deleteWebhookRoute,
  listDeliveriesRoute,
  createImportRoute,
  getImportRoute,
] as unknown as readonly RouteDef<RouteSchemas>[];
