import type { JSX } from 'react';
import { Definition } from '../../components/Definition.js';
import { Metric } from '../../components/Metric.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { date, duration, percent } from '../../format.js';
import type { EvidenceView } from '../../types.js';
import { useResource } from '../../use-resource.js';
import { LateResponseFigures } from '../evidence/LateResponseFigures.js';
import type { PatientForecastState } from './use-patient-forecast.js';

const RELIEF_DEFINITION =
  "The predicted length of relief after the latest dose, from a survival model of this clinic's relief episodes with a per-patient effect: the patient's own earlier episodes move it away from the clinic's average. The interval holds 80% of such episodes. While relief holds, the remaining time is given that it has lasted this long. Decision support, not an instruction.";
const KEEP_GOING_DEFINITION =
  "Among this clinic's patients with no response after the same number of doses, the share with a first response by each later dose (product-limit estimate; patients who stopped count as censored, not as failures), with its 95% confidence interval.";

/**
 * The patient's forecast: when relief will likely end and, before a first response, "keep going?"
 * beside the published figures. Each number with its n and definition. The forecast is read once for
 * the page (usePatientForecast) and shared with the timeline.
 */
export function ForecastCard({
  forecast,
  instrumentName,
}: {
  forecast: PatientForecastState;
  instrumentName: (id: string) => string;
}): JSX.Element {
  const { view, error, again } = forecast;
  // The published figures are read only when the keep-going panel shows.
  const evidence = useResource<EvidenceView>(view?.keepGoing == null ? null : '/api/v1/evidence');
  if (error !== null) return <ErrorPanel problem={error} retry={again} />;
  if (view === null) return <Loading what="the forecast" />;
  const r = view.relief;
  const m = view.model;
  const sampled =
    m !== null && m.fitPatients < m.patients
      ? `; clinic-wide parameters fitted on a fixed sample of ${m.fitPatients} patients (${m.fitEpisodes} episodes)`
      : '';
  const modelN =
    m === null
      ? undefined
      : `model: n = ${m.episodes} episodes (${m.events} ended) of ${m.patients} patients${sampled}`;
  return (
    <div className="forecast-card">
      {r === null ? (
        <p className="callout">
          {view.noRelief?.text ?? 'No relief forecast.'}{' '}
          {view.noRelief?.code === 'model-pending' ? (
            <button type="button" className="button button-secondary" onClick={again}>
              Check again
            </button>
          ) : null}
        </p>
      ) : (
        <>
          <p className="hint">{r.basisText}</p>
          <dl className="metrics">
            <Metric
              label={`Relief after dose ${r.dose}`}
              value={`about ${duration(r.medianDays)}`}
              note={`80% interval ${duration(r.lowerDays)} – ${duration(r.upperDays)}`}
              n={modelN}
              range={`dose ${date(r.doseAt)}`}
            />
            <Metric
              label="Remaining"
              value={`about ${duration(r.remainingMedianDays)}`}
              note={`relief has held ${duration(r.elapsedDays)}; 80% interval ${duration(r.remainingLowerDays)} – ${duration(r.remainingUpperDays)}`}
            />
            <Metric
              label="Still in relief at day 7 / day 14"
              value={`${percent(r.pStill7)} / ${percent(r.pStill14)}`}
            />
            <Metric
              label="Next session likely needed"
              value={`${date(r.nextSessionFrom)} – ${date(r.nextSessionTo)}`}
              note="the remaining 80% interval, as dates"
            />
          </dl>
          <Definition text={RELIEF_DEFINITION} label="Definition" />
        </>
      )}
      {view.keepGoing === null ? null : (
        <section aria-labelledby="keep-going-title">
          <h3 id="keep-going-title">
            Keep going? After {view.keepGoing.afterDoses} {view.keepGoing.afterDoses === 1 ? 'dose' : 'doses'} without
            response
          </h3>
          {view.keepGoing.status === 'too-few' ? (
            <p className="callout">{view.keepGoing.text}</p>
          ) : (
            <dl className="metrics">
              {view.keepGoing.rows.map((row) => (
                <Metric
                  key={row.byDose}
                  label={`First response by dose ${row.byDose}`}
                  value={percent(row.p)}
                  note={
                    row.lower === null || row.upper === null
                      ? 'no interval'
                      : `95% CI ${percent(row.lower)} – ${percent(row.upper)}`
                  }
                  n={`n = ${row.n} at risk`}
                />
              ))}
            </dl>
          )}
          <Definition text={KEEP_GOING_DEFINITION} label="Definition" />
          <h4>Published figures (other studies, not this clinic)</h4>
          {evidence.error === null ? null : <ErrorPanel problem={evidence.error} retry={evidence.reload} />}
          {evidence.data === null ? (
            evidence.loading ? (
              <Loading what="the published figures" />
            ) : null
          ) : (
            <LateResponseFigures lateResponse={evidence.data.lateResponse} />
          )}
        </section>
      )}
      <p className="hint">
        Measured on: {instrumentName(view.instrument)}. A forecast from this clinic&apos;s own records, never stored; it
        is decision support, not an instruction.
      </p>
    </div>
  );
}
