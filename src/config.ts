// The one place that reads the environment: validated, typed, with defaults that work out of the
// box (an embedded store in ./data, port 3000). docs/configuration.md documents every variable.
import { z } from 'zod';
import { AppError } from './core/errors.ts';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  BEACON_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BEACON_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  BEACON_COOKIE_SECURE: boolFromEnv.default(true),
  BEACON_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  BEACON_MAX_BODY_MB: z.coerce.number().positive().max(1024).default(16),
  BEACON_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  BEACON_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  BEACON_CLAIM_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  BEACON_REVIEW_TARGET_MINUTES: z.coerce
    .number()
    .positive()
    .max(30 * 24 * 60)
    .default(240),
});

/** Beacon's configuration, read once from the environment. */
export interface Config {
  /** A real PostgreSQL server; without it Beacon opens the embedded store in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly sessionHours: number;
  readonly cookieSecure: boolean;
  /** Worker loops `beacon serve` runs beside the API (0: run `beacon worker` separately). */
  readonly workers: number;
  readonly maxBodyBytes: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  /** How long a moderator's claim on a review item lasts (renewed by claiming again). */
  readonly claimMinutes: number;
  /** How long an item may wait in the review queue before it counts as overdue. */
  readonly reviewTargetMinutes: number;
}

/** Reads and validates the configuration; a bad value fails with every problem named. */
export function configFrom(env: Readonly<Record<string, string | undefined>>): Config {
  // An empty variable means "not set", as in most shells' habits.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError(
      'CONFIG_INVALID',
      'the configuration in the environment is invalid',
      details,
    );
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.BEACON_DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    sessionHours: e.BEACON_SESSION_HOURS,
    cookieSecure: e.BEACON_COOKIE_SECURE,
    workers: e.BEACON_WORKERS,
    maxBodyBytes: Math.round(e.BEACON_MAX_BODY_MB * 1024 * 1024),
    loginMaxFailures: e.BEACON_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.BEACON_LOGIN_LOCK_MINUTES,
    claimMinutes: e.BEACON_CLAIM_MINUTES,
    reviewTargetMinutes: e.BEACON_REVIEW_TARGET_MINUTES,
  };
}
