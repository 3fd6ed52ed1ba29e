import { useState, type JSX } from 'react';
import { api, problemOf } from '../../api.js';
import { SeverityBadge } from '../../components/AlertBadges.js';
import { Definition } from '../../components/Definition.js';
import { dateTime, RULE_WORDS, words } from '../../format.js';
import type { Alert } from '../../types.js';
import { summaryOf } from './timeline-data.js';

const RANK: Record<string, number> = { urgent: 0, warning: 1, info: 2 };

/** The patient's alerts: open and acknowledged first (urgent first), each with its evidence and actions. */
export function AlertList({ alerts, onChanged, limit = 3 }: { alerts: readonly Alert[]; onChanged: () => void; limit?: number }): JSX.Element {
  const [all, setAll] = useState(false);
  const active = alerts.filter((a) => a.status !== 'resolved').sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3) || b.raisedAt.localeCompare(a.raisedAt));
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

function AlertItem({ alert, onChanged }: { alert: Alert; onChanged: () => void }): JSX.Element {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const evidence = alert.evidence;
  const act = async (action: 'acknowledge' | 'resolve'): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/api/v1/alerts/${alert.id}/${action}`, comment.trim() === '' ? {} : { comment: comment.trim() });
      onChanged();
    } catch (error) {
      setProblem(problemOf(error).detail);
    } finally {
      setBusy(false);
    }
  };
  const id = `alert-${alert.id}`;
  return (
    <li className={`alert alert-${alert.severity}`} aria-labelledby={`${id}-title`}>
      <div className="alert-head">
        <SeverityBadge severity={alert.severity} />
        <strong id={`${id}-title`}>{words(RULE_WORDS, alert.rule)}</strong>
        <span className="muted">
          raised {dateTime(alert.raisedAt)} · {alert.status}
          {alert.acknowledgedAt === null ? '' : ` · acknowledged ${dateTime(alert.acknowledgedAt)}`}
          {alert.resolvedAt === null ? '' : ` · resolved ${dateTime(alert.resolvedAt)}`}
        </span>
      </div>
      <p>{summaryOf(alert)}</p>
      {typeof evidence.definition === 'string' ? <Definition text={`${evidence.definition}${typeof evidence.source === 'string' ? ` Source: ${evidence.source}` : ''}`} label="Why this alert" /> : null}
      {alert.acknowledgeComment === null ? null : <p className="hint">Acknowledged: {alert.acknowledgeComment}</p>}
      {alert.resolveComment === null ? null : <p className="hint">Resolved: {alert.resolveComment}</p>}
      {alert.status === 'resolved' ? null : (
        <div className="alert-actions no-print">
          <label className="visually-hidden" htmlFor={`${id}-comment`}>
            Comment on this alert (optional)
          </label>
          <input id={`${id}-comment`} className="input input-medium" placeholder="Comment (optional)" value={comment} onChange={(event) => setComment(event.target.value)} />
          {alert.status === 'open' ? (
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void act('acknowledge')}>
              Acknowledge
            </button>
          ) : null}
          <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void act('resolve')}>
            Resolve
          </button>
          {problem === null ? null : (
            <p className="error-message" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
