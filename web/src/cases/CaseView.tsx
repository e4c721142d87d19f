// One case: its summary, its members (adverts and networks, each a link to its screen), a form to
// add another by id, the timeline of what was added, noted and decided (oldest first), and a form
// to add a note. Notes are for colleagues: the audit trail records that one was added, not its text.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { CaseDetail, CaseTimelineEntry } from '../api/types.ts';
import { DecisionSummary } from '../review/AdvertView.tsx';
import { formatDateTime } from '../util/format.ts';

const NOTE_MAX = 4000;
const ADVERT_ID = /^[1-9][0-9]{0,15}$/;

/** What a member entry of the timeline added, from its text ("advert 12", "network n-3"). */
function memberOf(text: string | null): { kind: 'advert' | 'network'; id: string } | null {
  const m = /^(advert|network) (.+)$/.exec(text ?? '');
  return m ? { kind: m[1] as 'advert' | 'network', id: m[2]! } : null;
}

/** A link to an advert or a network screen. */
function MemberLink({ kind, id }: { kind: 'advert' | 'network'; id: string }) {
  const { t } = useTranslation();
  return kind === 'advert' ? (
    <Link to={`/adverts/${encodeURIComponent(id)}`}>{t('cases.member.advert', { id })}</Link>
  ) : (
    <Link to={`/networks/${encodeURIComponent(id)}`}>{t('cases.member.network', { id })}</Link>
  );
}

/** One event of the timeline. */
function TimelineEntry({ e }: { e: CaseTimelineEntry }) {
  const { t, i18n } = useTranslation();
  const member = e.kind === 'member' ? memberOf(e.text) : null;
  return (
    <li className={`timeline-entry timeline-${e.kind}`} data-kind={e.kind}>
      <p className="timeline-head">
        <span className={`badge kind-${e.kind}`}>{t(`cases.timeline.kinds.${e.kind}`)}</span>{' '}
        <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
        {e.kind !== 'decision' && (
          <span className="muted"> · {t('cases.timeline.by', { name: e.by.displayName })}</span>
        )}
      </p>
      {e.kind === 'note' && <p className="note">{e.text}</p>}
      {e.kind === 'member' &&
        (member ? (
          <p>
            {t('cases.timeline.added')} <MemberLink kind={member.kind} id={member.id} />
          </p>
        ) : (
          <p>{e.text}</p>
        ))}
      {e.kind === 'decision' && e.decision && (
        <div>
          <MemberLink kind="advert" id={e.decision.advertId} />: <DecisionSummary d={e.decision} />
        </div>
      )}
    </li>
  );
}

/** The case screen. */
export default function CaseView() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [noteBusy, setNoteBusy] = useState(false);
  const [memberKind, setMemberKind] = useState<'advert' | 'network'>('advert');
  const [memberId, setMemberId] = useState('');
  const [memberError, setMemberError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api<CaseDetail>(`/cases/${encodeURIComponent(id)}`)
        .then(setDetail)
        .catch((err: unknown) => {
          if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
            setError(t('cases.notFound'));
          } else setError(err instanceof ApiError ? err.message : t('errors.network'));
        }),
    [id, t],
  );
  useEffect(() => {
    setDetail(null);
    setError(null);
    void load();
  }, [load]);

  const addNote = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() === '') {
      setNoteError(t('cases.note.empty'));
      return;
    }
    setNoteBusy(true);
    setNoteError(null);
    api(`/cases/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { text: note.trim() } })
      .then(async () => {
        setNote('');
        await load();
        setStatus(t('cases.note.added'));
      })
      .catch((err: unknown) =>
        setNoteError(err instanceof ApiError ? err.message : t('errors.network')),
      )
      .finally(() => setNoteBusy(false));
  };

  const addMember = (e: FormEvent) => {
    e.preventDefault();
    const value = memberId.trim();
    if (memberKind === 'advert' ? !ADVERT_ID.test(value) : value === '') {
      setMemberError(t(`cases.add.invalid.${memberKind}`));
      return;
    }
    setMemberError(null);
    api(`/cases/${encodeURIComponent(id)}/members`, {
      method: 'POST',
      body: memberKind === 'advert' ? { advertId: value } : { networkId: value },
    })
      .then(async () => {
        setMemberId('');
        await load();
        setStatus(t('cases.add.added'));
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) {
          setMemberError(t(`cases.add.notFound.${memberKind}`));
        } else setMemberError(err instanceof ApiError ? err.message : t('errors.network'));
      });
  };

  if (error) {
    return (
      <section aria-labelledby="case-title">
        <h1 id="case-title">{t('cases.caseTitle')}</h1>
        <p className="error" role="alert">
          {error}
        </p>
        <p>
          <Link to="/cases">{t('cases.back')}</Link>
        </p>
      </section>
    );
  }
  if (!detail) return <p role="status">{t('common.loading')}</p>;

  const c = detail.case;
  const timeline = detail.timeline;
  return (
    <article aria-labelledby="case-title" className="case">
      <p className="small">
        <Link to="/cases">{t('cases.back')}</Link>
      </p>
      <h1 id="case-title">{c.title}</h1>
      <p className="meta">
        <span className="badge">{t(`cases.status.${c.status}`, { defaultValue: c.status })}</span>{' '}
        {c.createdBy
          ? t('cases.openedBy', {
              name: c.createdBy.displayName,
              at: formatDateTime(c.createdAt, i18n.language),
            })
          : t('cases.opened', { at: formatDateTime(c.createdAt, i18n.language) })}
      </p>
      {c.summary && <p className="case-summary">{c.summary}</p>}
      <p role="status" className="notice">
        {status ?? ''}
      </p>

      <div className="advert-grid">
        <div>
          <section aria-labelledby="timeline-title" className="card">
            <h2 id="timeline-title">{t('cases.timeline.title')}</h2>
            <p className="small muted">{t('cases.timeline.intro')}</p>
            {timeline.length === 0 ? (
              <p className="muted">{t('cases.timeline.none')}</p>
            ) : (
              <ol className="timeline" data-testid="case-timeline">
                {timeline.map((e, i) => (
                  <TimelineEntry key={`${e.kind}-${e.at}-${i}`} e={e} />
                ))}
              </ol>
            )}
          </section>

          <form className="card" onSubmit={addNote} aria-labelledby="add-note-title" noValidate>
            <h2 id="add-note-title">{t('cases.note.title')}</h2>
            <label htmlFor="case-note">{t('cases.note.label')}</label>
            <textarea
              id="case-note"
              rows={4}
              maxLength={NOTE_MAX}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              required
              aria-describedby="case-note-help case-note-error"
            />
            <p id="case-note-help" className="small muted">
              {t('cases.note.help', { left: NOTE_MAX - note.length })}
            </p>
            <p id="case-note-error" className="error" role="alert">
              {noteError ?? ''}
            </p>
            <button type="submit" className="primary" disabled={noteBusy}>
              {t('cases.note.submit')}
            </button>
          </form>
        </div>

        <aside aria-label={t('cases.sideLabel')}>
          <section aria-labelledby="members-title" className="card">
            <h2 id="members-title">{t('cases.members.title')}</h2>
            {detail.members.length === 0 ? (
              <p className="muted">{t('cases.members.none')}</p>
            ) : (
              <ul className="case-members" data-testid="case-members">
                {detail.members.map((m) => (
                  <li key={m.advertId ?? `n-${m.networkId}`}>
                    {m.advertId !== null ? (
                      <MemberLink kind="advert" id={m.advertId} />
                    ) : (
                      <MemberLink kind="network" id={m.networkId ?? ''} />
                    )}{' '}
                    <span className="small muted">
                      {t('cases.members.added', { at: formatDateTime(m.addedAt, i18n.language) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <form className="card" onSubmit={addMember} aria-labelledby="add-member-title" noValidate>
            <h2 id="add-member-title">{t('cases.add.title')}</h2>
            <fieldset>
              <legend>{t('cases.add.kind')}</legend>
              {(['advert', 'network'] as const).map((k) => (
                <div className="radio" key={k}>
                  <input
                    type="radio"
                    id={`member-kind-${k}`}
                    name="member-kind"
                    value={k}
                    checked={memberKind === k}
                    onChange={() => setMemberKind(k)}
                  />
                  <label htmlFor={`member-kind-${k}`}>{t(`cases.add.kinds.${k}`)}</label>
                </div>
              ))}
            </fieldset>
            <label htmlFor="member-id">{t(`cases.add.idLabel.${memberKind}`)}</label>
            <input
              id="member-id"
              value={memberId}
              onChange={(e) => setMemberId(e.target.value)}
              spellCheck={false}
              inputMode={memberKind === 'advert' ? 'numeric' : 'text'}
              aria-describedby="member-help member-error"
            />
            <p id="member-help" className="small muted">
              {t('cases.add.help')}
            </p>
            <p id="member-error" className="error" role="alert">
              {memberError ?? ''}
            </p>
            <button type="submit" className="secondary">
              {t('cases.add.submit')}
            </button>
          </form>
        </aside>
      </div>
    </article>
  );
}
