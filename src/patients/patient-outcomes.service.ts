import { assessmentService } from '../assessments/assessment.service.js';
import { appendAudit, inAuditedRead } from '../audit/audit.service.js';
import { courseService } from '../courses/course.service.js';
import { doseService } from '../doses/dose.service.js';
import { getInstrument, isInstrumentId } from '../instruments/registry.js';
import {
  computeDisagreement,
  computePatientOutcomes,
  OUTCOME_DEFINITIONS,
  patientOutcomesJson,
  type InstrumentOutcomes,
} from '../outcomes/index.js';
import type { ServiceContext } from '../records/context.js';
import { notFound } from '../shared/errors.js';
import type { InstrumentResult, PatientOutcomesView } from '../outcomes/report/patient-outcomes-view.js';
import { patientService } from './patient.service.js';

export type { InstrumentResult, PatientOutcomesView } from '../outcomes/report/patient-outcomes-view.js';

/**
 * Every outcome of one patient, per instrument they have answered (docs/outcomes.md), with the definitions
 * the UI shows beside each number. A dose without a price takes its own course's default price.
 */
export async function patientOutcomes(ctx: ServiceContext, patientId: string): Promise<PatientOutcomesView> {
  return inAuditedRead(ctx, async (tx) => {
    const [patient] = await patientService.loadForPatient(tx, patientId);
    if (patient === undefined) throw notFound('patient', patientId);
    const courses = new Map((await courseService.loadForPatient(tx, patientId)).map((c) => [c.id, c]));
    const doses = (await doseService.loadForPatient(tx, patientId)).map((d) => ({
      at: Date.parse(d.givenAt),
      priceUsd: d.priceUsd ?? courses.get(d.courseId)?.defaultPriceUsd ?? null,
    }));
    const assessments = await assessmentService.loadForPatient(tx, patientId);
    const instrumentIds = [...new Set(assessments.map((a) => a.instrument))].filter(isInstrumentId);
    const perInstrument: InstrumentOutcomes[] = [];
    const instruments = instrumentIds.map((id): InstrumentResult => {
      const def = getInstrument(id);
      const outcomes = computePatientOutcomes({
        definition: {
          instrument: id,
          responseFraction: def.responseFraction,
          remissionMax: def.remissionMax,
          reliableChange: def.reliableChange,
        },
        doses,
        assessments: assessments
          .filter((a) => a.instrument === id)
          .map((a) => ({ at: Date.parse(a.completedAt), total: a.total, complete: a.complete })),
        defaultPriceUsd: null,
      });
      perInstrument.push({ instrument: id, outcomes });
      return {
        instrument: id,
        name: def.shortName,
        definition: {
          responseFraction: def.responseFraction,
          remissionMax: def.remissionMax,
          reliableChange: def.reliableChange,
          source: def.source,
        },
        outcomes: patientOutcomesJson(outcomes),
      };
    });
    const disagreements = computeDisagreement(perInstrument).map((d) => ({
      responder: d.responder,
      nonResponder: d.nonResponder,
      from: new Date(d.from).toISOString(),
      to: new Date(d.to).toISOString(),
    }));
    await appendAudit(tx, { action: 'read', entity: 'patient-outcomes', entityId: patientId, patientId });
    return { patientId, instruments, disagreements, definitions: OUTCOME_DEFINITIONS };
  });
}
