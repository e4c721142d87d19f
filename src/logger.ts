// Structured logs (pino). Logs carry ids, counts, kinds and timings: never advert contents,
// personal data, passwords, tokens or cookies. Redaction is a second line of defence only.
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Config } from './config.ts';

/** The process's logger, at the configured level, writing JSON lines to stdout. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'beacon' },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'key',
        '*.key',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'email',
        '*.email',
      ],
      censor: '[redacted]',
    },
  });
}
