// The decision panel of a claimed review item: outcome (keys 1–6, or 1–2 for an appeal), a reason
// code valid for it (from GET /review/reason-codes), a note, the recipient organisation of a
// referral and the language of safety information. Suspensions and referrals wait for a senior
// moderator's approval; the panel says so before and after.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { ADVERT_OUTCOMES, APPEAL_OUTCOMES } from '../api/types.ts';
import type { Decision, Outcome, QueueItem, ReasonCodes } from '../api/types.ts';
import { useShortcuts } from '../shortcuts/useShortcuts.ts';
import { languageName } from '../util/format.ts';

/** Languages offered for safety information (BCP 47), most common first in UK adverts. */
const LANGUAGES = [
  'en',
  'ro',
  'pl',
  'hu',
  'bg',
  'sk',
  'cs',
  'lt',
  'sq',
  'es',
  'pt',
  'it',
  'th',
  'zh',
  'vi',
  'uk',
  'ru',
];
const NOTE_MAX = 4000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The decision form for `item`; `onDecided` receives the recorded decision. */
export function DecisionPanel({
  item,
  onDecided,
}: {
  item: QueueItem;
  onDecided: (d: Decision) => void;
}) {
  const { t, i18n } = useTranslation();
  const [codes, setCodes] = useState<ReasonCodes | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [toOrgId, setToOrgId] = useState('');
  const [language, setLanguage] = useState('en');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonSelect = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    api<ReasonCodes>('/review/reason-codes')
      .then(setCodes)
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : t('errors.network')),
      );
  }, [t]);

  const allowed = item.kind === 'appeal' ? APPEAL_OUTCOMES : ADVERT_OUTCOMES;
  const options = allowed
    .map((o) => codes?.outcomes.find((c) => c.outcome === o))
    .filter((o) => o !== undefined);
  const chosen = options.find((o) => o.outcome === outcome);

  const choose = (o: Outcome) => {
    setOutcome(o);
    const first = codes?.outcomes.find((c) => c.outcome === o)?.reasonCodes[0];
    setReasonCode(first?.code ?? '');
    setToOrgId('');
    setError(null);
  };

  const shortcuts: Record<string, () => void> = {};
  options.forEach((o, i) => {
    shortcuts[String(i + 1)] = () => {
      choose(o.outcome);
      document.getElementById(`outcome-${o.outcome}`)?.focus();
    };
  });
  useShortcuts(shortcuts);

  const recipients = (codes?.recipients ?? []).filter((r) => r.kind === chosen?.needsRecipient);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) {
      setError(t('decision.errors.outcome'));
      return;
    }
    if (chosen.needsRecipient && !UUID.test(toOrgId.trim())) {
      setError(t('decision.errors.recipient'));
      return;
    }
    setBusy(true);
    setError(null);
    api<{ decision: Decision }>(`/review/items/${item.id}/decisions`, {
      method: 'POST',
      body: {
        outcome: chosen.outcome,
        reasonCode,
        ...(note.trim() !== '' ? { note: note.trim() } : {}),
        ...(chosen.needsRecipient ? { toOrgId: toOrgId.trim() } : {}),
        ...(chosen.outcome === 'safety_info' ? { language } : {}),
      },
    })
      .then((answer) => onDecided(answer.decision))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'REVIEW_NOT_CLAIMED') {
          setError(t('decision.errors.notClaimed'));
        } else setError(err instanceof ApiError ? err.message : t('errors.network'));
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="card decision" onSubmit={submit} aria-labelledby="decision-title">
      <h2 id="decision-title">{t('decision.title')}</h2>
      {codes === null && !error && <p role="status">{t('common.loading')}</p>}
      {options.length > 0 && (
        <fieldset>
          <legend>{t('decision.outcome')}</legend>
          {options.map((o, i) => (
            <div className="radio" key={o.outcome}>
              <input
                type="radio"
                id={`outcome-${o.outcome}`}
                name="outcome"
                value={o.outcome}
                checked={outcome === o.outcome}
                onChange={() => choose(o.outcome)}
              />
              <label htmlFor={`outcome-${o.outcome}`}>
                <kbd>{i + 1}</kbd> {o.label}
                {o.needsApproval && (
                  <span className="small muted"> · {t('decision.needsApproval')}</span>
                )}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {chosen && (
        <>
          <label htmlFor="reason-code">{t('decision.reason')}</label>
          <select
            id="reason-code"
            ref={reasonSelect}
            value={reasonCode}
            onChange={(e) => setReasonCode(e.target.value)}
            required
          >
            {chosen.reasonCodes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
          {chosen.needsRecipient && recipients.length > 0 && (
            <>
              <label htmlFor="recipient">{t(`decision.recipient.${chosen.needsRecipient}`)}</label>
              <select
                id="recipient"
                value={toOrgId}
                onChange={(e) => setToOrgId(e.target.value)}
                required
              >
                <option value="">{t('decision.recipient.choose')}</option>
                {recipients.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {chosen.needsRecipient && recipients.length === 0 && (
            <>
              <label htmlFor="recipient">
                {t(`decision.recipient.${chosen.needsRecipient}Id`)}
              </label>
              <input
                id="recipient"
                value={toOrgId}
                onChange={(e) => setToOrgId(e.target.value)}
                aria-describedby="recipient-help"
                required
                spellCheck={false}
              />
              <p id="recipient-help" className="small muted">
                {t('decision.recipient.help')}
              </p>
            </>
          )}
          {chosen.outcome === 'safety_info' && (
            <>
              <label htmlFor="language">{t('decision.language')}</label>
              <select id="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {languageName(l, i18n.language)}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor="note">{t('decision.note')}</label>
          <textarea
            id="note"
            rows={4}
            maxLength={NOTE_MAX}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby="note-help"
          />
          <p id="note-help" className="small muted">
            {t('decision.noteHelp', { left: NOTE_MAX - note.length })}
          </p>
          {chosen.needsApproval && <p className="callout">{t('decision.approvalCallout')}</p>}
        </>
      )}
      <p className="error" role="alert">
        {error ?? ''}
      </p>
      <button type="submit" className="primary" disabled={busy || !chosen}>
        {chosen?.needsApproval ? t('decision.submitForApproval') : t('decision.submit')}
      </button>
    </form>
  );
}
