// Every API route is declared with what it needs: its permission (checked before the handler,
// and the source of the authorisation matrix test), its schemas (validation and OpenAPI), and a
// thin handler that calls one service.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor, Permission } from '../core/auth/roles.ts';
import type { Config } from '../config.ts';
import type { ServiceContext } from '../services/context.ts';
import type { StoreLinker } from '../services/link-stored-adverts.ts';

/**
 * Who may call a route: anyone; anyone with a session, even one still waiting for its second
 * factor; anyone fully signed in; or holders of a permission.
 */
export type Access = 'public' | 'pending-session' | 'signed-in' | Permission;

/** What handlers receive besides the request. */
export interface RouteContext {
  readonly ctx: ServiceContext;
  readonly config: Config;
  readonly linker: StoreLinker;
  /** Tells this process's workers new jobs are queued. */
  readonly wake: () => void;
}

export interface RouteSchemas {
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response?: Readonly<Record<number, z.ZodType>>;
}

/** The request as a handler sees it: validated parts, and the actor (set unless public). */
export interface RouteRequest<S extends RouteSchemas> {
  readonly params: S['params'] extends z.ZodType ? z.output<S['params']> : undefined;
  readonly query: S['querystring'] extends z.ZodType ? z.output<S['querystring']> : undefined;
  readonly body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
  readonly actor: Actor;
  readonly raw: FastifyRequest;
}

export interface RouteDef<S extends RouteSchemas = RouteSchemas> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly access: Access;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly schema: S;
  /** Status of a success (200 unless given). */
  readonly status?: number;
  /** Body types other than JSON this route accepts (e.g. JSON Lines). */
  readonly consumes?: readonly string[];
  /** Requests per minute from one address (sign-in and the like). */
  readonly perMinute?: number;
  handler(req: RouteRequest<S>, rc: RouteContext, reply: FastifyReply): Promise<unknown>;
}

/** Declares a route, keeping its schemas' types for the handler. */
export function defineRoute<S extends RouteSchemas>(def: RouteDef<S>): RouteDef<S> {
  return def;
}
