import { AppError } from '../core/errors.ts';

/** Exit codes of the `beacon` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Prints an error a user can act on and sets the exit code; unknown errors keep their stack. */
export function reportError(err: unknown): void {
  if (err instanceof AppError) {
    console.error(`beacon: ${err.message} [${err.code}]`);
    for (const d of err.details) console.error(`  - ${d}`);
    process.exitCode =
      err.code === 'INVALID_INPUT' || err.code === 'NOT_FOUND' ? EXIT.usage : EXIT.failure;
  } else {
    console.error('beacon: unexpected error');
    console.error(err);
    process.exitCode = EXIT.failure;
  }
}

/** Parses a positive integer option, or throws INVALID_INPUT naming the option. */
export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      throw new AppError('INVALID_INPUT', `${name} must be a whole number ≥ 0, got "${value}"`);
    }
    return n;
  };
}

/** Formats a count with thousands separators. */
export const fmt = (n: number) => n.toLocaleString('en-GB');
