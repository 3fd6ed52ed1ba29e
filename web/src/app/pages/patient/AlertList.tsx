import { useState, type JSX } from 'react';
import { resolutionProblems, SUICIDALITY_FOLLOW_UPS } from '../../../../../src/alerts/resolution.js';
import { ALERT_FOLLOW_UPS, type AlertFollowUp } from '../../../../../src/shared/vocabulary.js';
import { api, problemOf } from '../../api.js';
import { SeverityBadge } from '../../components/AlertBadges.js';
import { Definition } from '../../components/Definition.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { SelectField, TextArea } from '../../components/fields.js';
import { dateTime, RULE_WORDS, words } from '../../format.js';
import type { Alert } from '../../types.js';
import { summaryOf } from './timeline-data.js';

const RANK: Record<string, number> = { urgent: 0, warning: 1, info: 2 };

/** The patient's alerts: open and acknowledged first (urgent first), each with its evidence and actions. */
export function AlertList({
  alerts,
  onChanged,
  limit = 3,
}: {
  alerts: readonly Alert[];
  onChanged: () => void;
  limit?: number;
}): JSX.Element {
  const [all, setAll] = useState(false);
  const active = alerts
    .filter((a) => a.status !== 'resolved')
    .sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3) || b.raisedAt.localeCompare(a.raisedAt));
  const resolved = alerts.filter((a) => a.status === 'resolved');
  // The most pressing few first, so the timeline stays near the top; the rest one click away.
  const shown = all ? active : active.slice(0, limit);
  return (
    <>
      {active.length === 0 ? <p>No open alerts.</p> : null}
      <ul className="alert-list">
        {shown.map((alert) => (
          <AlertItem key={alert.id} alert={alert} onChanged={onChanged} />
        ))}
      </ul>
      {active.length > shown.length ? (
        <button type="button" className="button button-secondary button-small" onClick={() => setAll(true)}>
          Show all {active.length} open or acknowledged alerts
        </button>
      ) : null}
      {resolved.length === 0 ? null : (
        <details className="details">
          <summary>Resolved alerts ({resolved.length})</summary>
          <ul className="alert-list">
            {resolved.map((alert) => (
              <AlertItem key={alert.id} alert={alert} onChanged={onChanged} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

const FOLLOW_UP_WORDS: Record<AlertFollowUp, string> = {
  'cssrs-screen': 'C-SSRS screen completed',
  'patient-contacted': 'Patient contacted (documented)',
  'emergency-referral': 'Referred to emergency services',
  'clinical-review': 'Clinical review',
};

/** "acknowledged 3 Mar 2026, 14:10 by Ana Nurse" — who acted, so a colleague knows whom to ask. */
function actedOn(verb: string, at: string | null, by: string | null): string {
  if (at === null) return '';
  return ` · ${verb} ${dateTime(at)}${by === null ? '' : ` by ${by}`}`;
}

function AlertItem({ alert, onChanged }: { alert: Alert; onChanged: () => void }): JSX.Element {
  const [closing, setClosing] = useState(false);
  const evidence = alert.evidence;
  const id = `alert-${alert.id}`;
  return (
    <li className={`alert alert-${alert.severity}`} aria-labelledby={`${id}-title`}>
      <div className="alert-head">
        <SeverityBadge severity={alert.severity} />
        <strong id={`${id}-title`}>{words(RULE_WORDS, alert.rule)}</strong>
        <span className="muted">
          raised {dateTime(alert.raisedAt)} · {alert.status}
          {actedOn('acknowledged', alert.acknowledgedAt, alert.acknowledgedByName)}
          {actedOn('resolved', alert.resolvedAt, alert.resolvedByName)}
        </span>
      </div>
      <p>{summaryOf(alert)}</p>
      {typeof evidence.definition === 'string' ? (
        <Definition
          text={`${evidence.definition}${typeof evidence.source === 'string' ? ` Source: ${evidence.source}` : ''}`}
          label="Why this alert"
        />
      ) : null}
      {alert.acknowledgeComment === null ? null : <p className="hint">Acknowledged: {alert.acknowledgeComment}</p>}
      {alert.resolveFollowUp === null ? null : (
        <p className="hint">Follow-up: {FOLLOW_UP_WORDS[alert.resolveFollowUp]}</p>
      )}
      {alert.resolveComment === null ? null : <p className="hint">Resolved: {alert.resolveComment}</p>}
      {alert.status === 'resolved' ? null : closing && alert.severity === 'urgent' ? (
        <CloseUrgentAlert alert={alert} onCancel={() => setClosing(false)} onClosed={onChanged} />
      ) : (
        <QuickActions alert={alert} onChanged={onChanged} onCloseUrgent={() => setClosing(true)} />
      )}
    </li>
  );
}

/** Acknowledge with an optional comment; resolve a warning in one step, or open the urgent closing form. */
function QuickActions({
  alert,
  onChanged,
  onCloseUrgent,
}: {
  alert: Alert;
  onChanged: () => void;
  onCloseUrgent: () => void;
}): JSX.Element {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = `alert-${alert.id}`;
  const act = async (action: 'acknowledge' | 'resolve'): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/api/v1/alerts/${alert.id}/${action}`, comment.trim() === '' ? {} : { comment: comment.trim() });
      setComment('');
      onChanged();
    } catch (error) {
      setProblem(problemOf(error).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="alert-actions no-print">
      <label className="visually-hidden" htmlFor={`${id}-comment`}>
        Comment on this alert (optional)
      </label>
      <input
        id={`${id}-comment`}
        className="input input-medium"
        placeholder="Comment (optional)"
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      {alert.status === 'open' ? (
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          onClick={() => void act('acknowledge')}
        >
          Acknowledge
        </button>
      ) : null}
      {alert.severity === 'urgent' ? (
        <button type="button" className="button button-secondary button-small" disabled={busy} onClick={onCloseUrgent}>
          Close alert…
        </button>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          onClick={() => void act('resolve')}
        >
          Resolve
        </button>
      )}
      {problem === null ? null : (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * Closing an urgent alert: the follow-up taken and a note, checked in the browser by the same rules
 * the server applies (src/alerts/resolution.ts), then a confirmation before anything is sent.
 */
function CloseUrgentAlert({
  alert,
  onCancel,
  onClosed,
}: {
  alert: Alert;
  onCancel: () => void;
  onClosed: () => void;
}): JSX.Element {
  const [followUp, setFollowUp] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const id = `alert-${alert.id}`;
  const form = useForm(id);
  const allowed = alert.rule === 'suicidality' ? SUICIDALITY_FOLLOW_UPS : ALERT_FOLLOW_UPS;
  const chosen = (allowed as readonly string[]).includes(followUp) ? (followUp as AlertFollowUp) : null;
  const review = async (): Promise<void> => {
    // The screen's presence is checked by the server, which knows the patient's records.
    const found = resolutionProblems(
      { rule: alert.rule, severity: alert.severity, cssrsSinceRaised: true },
      { comment: note, followUp: chosen },
    );
    const label = (field: string): string => (field === 'comment' ? 'Note' : 'Follow-up');
    setConfirming(form.check(Object.fromEntries(found.map((p) => [p.field, `${label(p.field)}: ${p.reason}`]))));
  };
  const close = async (): Promise<void> => {
    const result = await form.run({}, () =>
      api.post(`/api/v1/alerts/${alert.id}/resolve`, { comment: note.trim(), followUp: chosen }),
    );
    if (result.ok) onClosed();
    else setConfirming(false);
  };
  return (
    <RecordForm
      form={form}
      className="alert-close no-print"
      label="Close this urgent alert"
      onSubmit={confirming ? close : review}
      actions={
        confirming ? (
          <div className="confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>
              <strong>Close this urgent alert?</strong> It leaves the work queue, recorded as closed by you with “
              {chosen === null ? '' : FOLLOW_UP_WORDS[chosen]}”.
            </p>
            <button type="submit" className="button button-small" disabled={form.busy}>
              Yes, close the alert
            </button>{' '}
            <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(false)}>
              Go back
            </button>
          </div>
        ) : (
          <>
            <button type="submit" className="button button-small">
              Review and close
            </button>{' '}
            <button type="button" className="button button-secondary button-small" onClick={onCancel}>
              Cancel
            </button>
          </>
        )
      }
    >
      <SelectField
        {...form.field('followUp')}
        label="Follow-up taken"
        hint={
          alert.rule === 'suicidality'
            ? 'A suicidality alert closes after a C-SSRS screen recorded since it was raised, a documented contact, or an emergency referral.'
            : undefined
        }
        value={followUp}
        onChange={(value) => {
          setFollowUp(value);
          setConfirming(false);
        }}
        options={[
          { value: '', label: 'Choose…' },
          ...allowed.map((value) => ({ value, label: FOLLOW_UP_WORDS[value] })),
        ]}
      />
      <TextArea
        {...form.field('comment')}
        label="Note: what was done"
        value={note}
        onChange={(value) => {
          setNote(value);
          setConfirming(false);
        }}
      />
    </RecordForm>
  );
}
