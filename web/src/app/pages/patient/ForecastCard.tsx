import { useEffect, useState, type JSX } from 'react';
import type { Problem } from '../../../shared/problem.js';
import { api, problemOf } from '../../api.js';
import { Definition } from '../../components/Definition.js';
import { Metric } from '../../components/Metric.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { date, duration, percent } from '../../format.js';
import type { ForecastView } from '../../types.js';


const RELIEF_DEFINITION =
  "The predicted length of relief after the latest dose, from a survival model of this clinic's relief episodes with a per-patient effect: the patient's own earlier episodes move it away from the clinic's average. The interval holds 80% of such episodes. While relief holds, the remaining time is given that it has lasted this long. Decision support, not an instruction.";
const KEEP_GOING_DEFINITION =
  "Among this clinic's patients with no response after the same number of doses, the share with a first response by each later dose (product-limit estimate; patients who stopped count as censored, not as failures), with its 95% confidence interval.";

/** The patient's forecast: when relief will likely end and, before a first response, "keep going?". Each number with its n and definition. */
export function ForecastCard({ patientId, version }: { patientId: string; version: number }): JSX.Element {
  const [view, setView] = useState<ForecastView | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [again, setAgain] = useState(0);
  useEffect(() => {
    let current = true;
    api.get<ForecastView>(`/api/v1/patients/${patientId}/forecast`).then(
      (v) => {
        if (current) {
          setView(v);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (current) setError(problemOf(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [patientId, version, again]);
  if (error !== null) return <ErrorPanel problem={error} retry={() => setAgain((n) => n + 1)} />;
  if (view === null) return <Loading what="the forecast" />;
  const r = view.relief;
  const m = view.model;
  const sampled = m !== null && m.fitPatients < m.patients ? `; clinic-wide parameters fitted on a fixed sample of ${m.fitPatients} patients (${m.fitEpisodes} episodes)` : '';
  const modelN = m === null ? undefined : `model: n = ${m.episodes} episodes (${m.events} ended) of ${m.patients} patients${sampled}`;
  return (
    <div className="forecast-card">
      {r === null ? (
        <p className="callout">
          {view.noRelief?.text ?? 'No relief forecast.'}{' '}
          {view.noRelief?.code === 'model-pending' ? (
            <button type="button" className="button button-secondary" onClick={() => setAgain((n) => n + 1)}>
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
            <Metric label="Still in relief at day 7 / day 14" value={`${percent(r.pStill7)} / ${percent(r.pStill14)}`} />
            <Metric label="Next session likely needed" value={`${date(r.nextSessionFrom)} – ${date(r.nextSessionTo)}`} note="the remaining 80% interval, as dates" />
          </dl>
          <Definition text={RELIEF_DEFINITION} label="Definition" />
        </>
      )}
      {view.keepGoing === null ? null : (
        <section aria-labelledby="keep-going-title">
          <h3 id="keep-going-title">Keep going? After {view.keepGoing.afterDoses} {view.keepGoing.afterDoses === 1 ? 'dose' : 'doses'} without response</h3>
          {view.keepGoing.status === 'too-few' ? (
            <p className="callout">{view.keepGoing.text}</p>
          ) : (
            <dl className="metrics">
              {view.keepGoing.rows.map((row) => (
                <Metric
                  key={row.byDose}
                  label={`First response by dose ${row.byDose}`}
                  value={percent(row.p)}
                  note={row.lower === null || row.upper === null ? 'no interval' : `95% CI ${percent(row.lower)} – ${percent(row.upper)}`}
                  n={`n = ${row.n} at risk`}
                />
              ))}
            </dl>
          )}
          <Definition text={KEEP_GOING_DEFINITION} label="Definition" />
        </section>
      )}
      <p className="hint">Measured on {view.instrument}. A forecast from this clinic&apos;s own records, never stored; it is decision support, not an instruction.</p>
    </div>
  );
}
