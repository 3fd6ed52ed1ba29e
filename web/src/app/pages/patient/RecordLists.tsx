import type { JSX } from 'react';
import { DataTable, type Column } from '../../components/DataTable.js';
import { Link } from '../../components/Link.js';
import {
  ADVERSE_WORDS,
  date,
  dateTime,
  DRUG_WORDS,
  num,
  ROUTE_WORDS,
  SETTING_WORDS,
  usd,
  words,
} from '../../format.js';
import type { AdverseEvent, Dose, Medication, TherapySession } from '../../types.js';
import { MODALITY_WORDS } from './forms/TherapySessionForm.js';

const bp = (s: number | null, d: number | null): string => (s === null || d === null ? '—' : `${s}/${d}`);

const DOSE_COLUMNS: Column<Dose>[] = [
  { header: 'Given', cell: (d) => dateTime(d.givenAt), csv: (d) => d.givenAt },
  { header: 'Drug', cell: (d) => words(DRUG_WORDS, d.drug) },
  { header: 'Route', cell: (d) => words(ROUTE_WORDS, d.route) },
  { header: 'mg', cell: (d) => num(d.mg), csv: (d) => d.mg, numeric: true },
  { header: 'mg/kg', cell: (d) => num(d.mgPerKg, 2), csv: (d) => d.mgPerKg, numeric: true },
  { header: 'Setting', cell: (d) => words(SETTING_WORDS, d.setting) },
  { header: 'BP before (mmHg)', cell: (d) => bp(d.systolicBefore, d.diastolicBefore) },
  { header: 'BP after (mmHg)', cell: (d) => bp(d.systolicAfter, d.diastolicAfter) },
  {
    header: 'Observed (min)',
    cell: (d) => num(d.observationMinutes, 0),
    csv: (d) => d.observationMinutes,
    numeric: true,
  },
  { header: 'Dissociation (0–10)', cell: (d) => num(d.dissociation, 0), csv: (d) => d.dissociation, numeric: true },
  { header: 'Price', cell: (d) => (d.priceUsd === null ? 'course default' : usd(d.priceUsd)), csv: (d) => d.priceUsd },
  {
    header: 'REMS',
    cell: (d) =>
      d.drug === 'esketamine' ? (
        <Link to={`/rems/doses/${d.id}`}>
          Monitoring and form<span className="visually-hidden">, dose of {dateTime(d.givenAt)}</span>
        </Link>
      ) : (
        '—'
      ),
    csv: () => null,
  },
];

const AE_COLUMNS: Column<AdverseEvent>[] = [
  { header: 'Began', cell: (e) => dateTime(e.onsetAt), csv: (e) => e.onsetAt },
  { header: 'Category', cell: (e) => words(ADVERSE_WORDS, e.category) },
  { header: 'Grade', cell: (e) => String(e.grade), numeric: true },
  { header: 'Action', cell: (e) => (e.action ?? 'none').replace(/-/g, ' ') },
  { header: 'Outcome', cell: (e) => e.outcome.replace(/-/g, ' ') },
];

const THERAPY_COLUMNS: Column<TherapySession>[] = [
  { header: 'Held', cell: (s) => dateTime(s.heldAt), csv: (s) => s.heldAt },
  { header: 'Kind', cell: (s) => s.kind },
  { header: 'Modality', cell: (s) => MODALITY_WORDS[s.modality] ?? s.modality },
  { header: 'Minutes', cell: (s) => String(s.minutes), numeric: true },
];

const MEDICATION_COLUMNS: Column<Medication>[] = [
  { header: 'Medication', cell: (m) => m.name },
  { header: 'Class', cell: (m) => m.drugClass },
  { header: 'Dose', cell: (m) => m.doseText ?? '—' },
  { header: 'From', cell: (m) => date(m.startedOn), csv: (m) => m.startedOn },
  { header: 'To', cell: (m) => (m.stoppedOn === null ? 'current' : date(m.stoppedOn)), csv: (m) => m.stoppedOn },
];

/** The patient's records as tables (newest first), each downloadable; empty lists say what to do. */
export function RecordLists(props: {
  label: string;
  doses: readonly Dose[];
  adverseEvents: readonly AdverseEvent[];
  therapy: readonly TherapySession[];
  medications: readonly Medication[];
}): JSX.Element {
  const newest = <T,>(list: readonly T[], at: (x: T) => string): T[] =>
    [...list].sort((a, b) => at(b).localeCompare(at(a)));
  return (
    <div className="records">
      <h3>Doses ({props.doses.length})</h3>
      {props.doses.length === 0 ? (
        <p className="empty">No doses yet — record the first session with “Record a dose”.</p>
      ) : (
        <DataTable
          caption="Doses, newest first"
          captionHidden
          columns={DOSE_COLUMNS}
          rows={newest(props.doses, (d) => d.givenAt)}
          rowKey={(d) => d.id}
          filename={`doses-${props.label}.csv`}
        />
      )}
      <h3>Adverse events ({props.adverseEvents.length})</h3>
      {props.adverseEvents.length === 0 ? (
        <p className="empty">No adverse events recorded.</p>
      ) : (
        <DataTable
          caption="Adverse events, newest first"
          captionHidden
          columns={AE_COLUMNS}
          rows={newest(props.adverseEvents, (e) => e.onsetAt)}
          rowKey={(e) => e.id}
          filename={`adverse-events-${props.label}.csv`}
        />
      )}
      <h3>Therapy sessions ({props.therapy.length})</h3>
      {props.therapy.length === 0 ? (
        <p className="empty">No preparation or integration sessions recorded.</p>
      ) : (
        <DataTable
          caption="Therapy sessions, newest first"
          captionHidden
          columns={THERAPY_COLUMNS}
          rows={newest(props.therapy, (s) => s.heldAt)}
          rowKey={(s) => s.id}
          filename={`therapy-${props.label}.csv`}
        />
      )}
      <h3>Medications ({props.medications.length})</h3>
      {props.medications.length === 0 ? (
        <p className="empty">No concurrent medications recorded.</p>
      ) : (
        <DataTable
          caption="Concurrent medications"
          captionHidden
          columns={MEDICATION_COLUMNS}
          rows={newest(props.medications, (m) => m.startedOn)}
          rowKey={(m) => m.id}
          filename={`medications-${props.label}.csv`}
        />
      )}
    </div>
  );
}
