import { useState, type JSX } from 'react';
import { api, problemOf } from '../../api.js';
import { dateTime } from '../../format.js';
import { instrumentName, useInstruments } from '../../instruments.js';
import type { Instrument, Page, PatientLink } from '../../types.js';
import { useResource } from '../../use-resource.js';

/** The patient's links, newest first; one that still works can be revoked, after a confirmation. */
export function PatientLinks({ patientId }: { patientId: string }): JSX.Element {
  const { data, error, reload } = useResource<Page<PatientLink>>(`/api/v1/patients/${patientId}/links`);
  const instruments = useInstruments();
  if (error !== null) return <p role="alert">The links could not be loaded: {error.detail}</p>;
  if (data === null) return <p className="muted">Loading the links…</p>;
  if (data.items.length === 0) return <p>No links sent yet.</p>;
  return (
    <ul className="link-list">
      {data.items.map((link) => (
        <LinkItem key={link.id} patientId={patientId} link={link} instruments={instruments} onChanged={reload} />
      ))}
    </ul>
  );
}

function what(link: PatientLink, instruments: readonly Instrument[]): string {
  return link.purpose === 'questionnaire'
    ? `${instrumentName(instruments, link.instrument ?? '')} questionnaire`
    : 'Progress page';
}

function stateWords(link: PatientLink): string {
  switch (link.state) {
    case 'valid':
      return `works until ${dateTime(link.expiresAt)}`;
    case 'used':
      return `used ${dateTime(link.usedAt ?? link.createdAt)}`;
    case 'revoked':
      return `revoked ${dateTime(link.revokedAt ?? link.createdAt)}`;
    case 'expired':
      return `expired ${dateTime(link.expiresAt)}`;
  }
}

function LinkItem({
  patientId,
  link,
  instruments,
  onChanged,
}: {
  patientId: string;
  link: PatientLink;
  instruments: readonly Instrument[];
  onChanged: () => void;
}): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const title = what(link, instruments);
  const revoke = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/api/v1/patients/${patientId}/links/${link.id}/revoke`);
      setConfirming(false);
      onChanged();
    } catch (error) {
      setProblem(problemOf(error).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="link-item" aria-label={`${title}, sent ${dateTime(link.createdAt)}`}>
      <span>
        <strong>{title}</strong>{' '}
        <span className="muted">
          sent {dateTime(link.createdAt)} · {stateWords(link)}
        </span>
      </span>
      {link.state !== 'valid' ? null : confirming ? (
        <span role="group" aria-label="Confirm revoking this link" className="actions">
          <span>Revoke this link? It stops working at once, for anyone who has it.</span>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void revoke()}>
            {busy ? 'Revoking…' : 'Yes, revoke it'}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() => setConfirming(false)}
          >
            Keep it
          </button>
        </span>
      ) : (
        <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(true)}>
          Revoke
        </button>
      )}
      {problem === null ? null : <p role="alert">{problem}</p>}
    </li>
  );
}
