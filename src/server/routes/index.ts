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
import {
  approveDraftRoute,
  calibrationRoute,
  draftYamlRoute,
  getDraftRoute,
  listDraftsRoute,
  proposeDraftRoute,
  rejectDraftRoute,
} from './calibration/calibration.ts';
import { getNetworkRoute } from './networks/get.ts';
import { networkGraphRoute } from './networks/graph.ts';
import { listNetworksRoute } from './networks/list.ts';
import { createImportRoute, getImportRoute } from './imports/imports.ts';
import { createReferralRoute } from './referrals/create.ts';
import { createAppealRoute, getAppealRoute, listAppealsRoute } from './appeals/appeals.ts';
import {
  addCaseMemberRoute,
  addCaseNoteRoute,
  createCaseRoute,
  getCaseRoute,
  listCasesRoute,
} from './cases/cases.ts';
import {
  advertDecisionsRoute,
  approvalsRoute,
  approveRoute,
  rejectRoute,
} from './review/approvals.ts';
import { claimRoute, decideRoute, getItemRoute, releaseRoute } from './review/items.ts';
import { nextRoute, queueRoute, reasonCodesRoute } from './review/queue.ts';
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
  networkGraphRoute,
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
  queueRoute,
  nextRoute,
  reasonCodesRoute,
  getItemRoute,
  claimRoute,
  releaseRoute,
  decideRoute,
  approvalsRoute,
  approveRoute,
  rejectRoute,
  advertDecisionsRoute,
  createAppealRoute,
  listAppealsRoute,
  getAppealRoute,
  createCaseRoute,
  listCasesRoute,
  getCaseRoute,
  addCaseMemberRoute,
  addCaseNoteRoute,
  calibrationRoute,
  proposeDraftRoute,
  listDraftsRoute,
  getDraftRoute,
  draftYamlRoute,
  approveDraftRoute,
  rejectDraftRoute,
] as unknown as readonly RouteDef<RouteSchemas>[];
