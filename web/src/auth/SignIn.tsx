// Sign-in: email and password, then the second factor — a code from the authenticator app or a
// recovery code — or, when the account has none and an organisation requires it, enrolment: the
// secret for manual entry and its otpauth URI, a first code, then the recovery codes shown once.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { SignInAnswer } from '../api/types.ts';
import { useAuth } from './AuthContext.tsx';

type Step =
  | { kind: 'credentials' }
  | { kind: 'code'; recovery: boolean }
  | { kind: 'enrol'; secret: string; otpauthUrl: string }
  | { kind: 'recovery-codes'; codes: readonly string[] };

/** A message for a failed call, in the reader's language where we know the code. */
function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      if (err.code === 'UNAUTHENTICATED') return t('signIn.errors.wrong');
      if (err.code === 'RATE_LIMITED' || err.code === 'LOCKED') return t('signIn.errors.locked');
      return t('errors.withDetail', { detail: err.message });
    }
    return t('errors.network');
  };
}

/** The sign-in screen (all steps). */
export default function SignIn() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [saved, setSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [step.kind]);

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const onCredentials = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const answer = await api<SignInAnswer>('/auth/sign-in', {
        method: 'POST',
        body: { email, password },
        quietUnauthenticated: true,
      });
      setCsrfToken(answer.csrfToken);
      setPassword('');
      if (answer.secondFactor === 'none') await refresh();
      else if (answer.secondFactor === 'required') setStep({ kind: 'code', recovery: false });
      else {
        const enrol = await api<{ secret: string; otpauthUrl: string }>('/auth/totp/begin', {
          method: 'POST',
          quietUnauthenticated: true,
        });
        setStep({ kind: 'enrol', ...enrol });
      }
    });
  };

  const onCode = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('/auth/second-factor', {
        method: 'POST',
        body: { code: code.trim() },
        quietUnauthenticated: true,
      });
      setCode('');
      await refresh();
    });
  };

  const onEnrol = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const answer = await api<{ recoveryCodes: string[] }>('/auth/totp/confirm', {
        method: 'POST',
        body: { code: code.trim() },
        quietUnauthenticated: true,
      });
      setCode('');
      setStep({ kind: 'recovery-codes', codes: answer.recoveryCodes });
    });
  };

  const onSaved = (e: FormEvent) => {
    e.preventDefault();
    void run(refresh);
  };

  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <p className="brand-large" aria-hidden="true">
        {t('app.name')}
      </p>
      {step.kind === 'credentials' && (
        <form onSubmit={onCredentials} className="card" aria-labelledby="sign-in-heading">
          <h1 id="sign-in-heading" ref={heading} tabIndex={-1}>
            {t('signIn.title')}
          </h1>
          <p className="muted">{t('signIn.intro')}</p>
          <label htmlFor="email">{t('signIn.email')}</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <ErrorLine error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      )}
      {step.kind === 'code' && (
        <form onSubmit={onCode} className="card" aria-labelledby="code-heading">
          <h1 id="code-heading" ref={heading} tabIndex={-1}>
            {t('signIn.code.title')}
          </h1>
          <p className="muted">
            {step.recovery ? t('signIn.code.recoveryIntro') : t('signIn.code.intro')}
          </p>
          <label htmlFor="code">
            {step.recovery ? t('signIn.code.recoveryLabel') : t('signIn.code.label')}
          </label>
          <input
            id="code"
            autoComplete="one-time-code"
            inputMode={step.recovery ? 'text' : 'numeric'}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <ErrorLine error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('signIn.code.submit')}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => {
              setCode('');
              setError(null);
              setStep({ kind: 'code', recovery: !step.recovery });
            }}
          >
            {step.recovery ? t('signIn.code.useApp') : t('signIn.code.useRecovery')}
          </button>
        </form>
      )}
      {step.kind === 'enrol' && (
        <form onSubmit={onEnrol} className="card" aria-labelledby="enrol-heading">
          <h1 id="enrol-heading" ref={heading} tabIndex={-1}>
            {t('signIn.enrol.title')}
          </h1>
          <p>{t('signIn.enrol.intro')}</p>
          <p>{t('signIn.enrol.secretLabel')}</p>
          <p>
            <code className="secret" data-testid="totp-secret">
              {step.secret}
            </code>
          </p>
          <details>
            <summary>{t('signIn.enrol.uriSummary')}</summary>
            <p className="muted">{t('signIn.enrol.uriHelp')}</p>
            <p>
              <code className="wrap" data-testid="totp-uri">
                {step.otpauthUrl}
              </code>
            </p>
          </details>
          <label htmlFor="enrol-code">{t('signIn.enrol.codeLabel')}</label>
          <input
            id="enrol-code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <ErrorLine error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('signIn.enrol.submit')}
          </button>
        </form>
      )}
      {step.kind === 'recovery-codes' && (
        <form onSubmit={onSaved} className="card" aria-labelledby="recovery-heading">
          <h1 id="recovery-heading" ref={heading} tabIndex={-1}>
            {t('signIn.recovery.title')}
          </h1>
          <p>{t('signIn.recovery.intro')}</p>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {step.codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <div className="check">
            <input
              id="saved"
              type="checkbox"
              checked={saved}
              onChange={(e) => setSaved(e.target.checked)}
            />
            <label htmlFor="saved">{t('signIn.recovery.saved')}</label>
          </div>
          <ErrorLine error={error} />
          <button type="submit" className="primary" disabled={!saved || busy}>
            {t('signIn.recovery.continue')}
          </button>
        </form>
      )}
    </main>
  );
}

/** An error message announced to screen readers. */
export function ErrorLine({ error }: { error: string | null }) {
  return (
    <p className="error" role="alert">
      {error ?? ''}
    </p>
  );
}
