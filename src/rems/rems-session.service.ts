import { getClinic } from '../clinics/clinic.service.js';
import { fromFlag, parseJson, toFlag } from '../db/columns.js';
import { computedColumn, rowMapping, utcColumn, type FieldColumn } from '../db/row-mapping.js';
import type { RemsSessionsTable } from '../db/schema.js';
import { doseRepository, doseService } from '../doses/dose.service.js';
import type { Dose } from '../doses/dose.schema.js';
import type { ServiceContext } from '../records/context.js';
import { notInFuture, requirePatient } from '../records/guards.js';
import { recordService } from '../records/record-service.js';
import { invalid, OnsetError } from '../shared/errors.js';
import { dischargeProblem, localTimeOf, wholeMinutes } from './monitoring.js';
import { findSessionOfDose, remsSessionRepository } from './rems-session.repository.js';
import { RemsSessionInput, type RemsSession } from './rems-session.schema.js';

type Row = RemsSessionsTable;

/** A yes/no answer stored as 0/1, or null when not answered. */
const yesNo = (column: keyof Row): FieldColumn<Row> => ({
  column,
  read: (stored: number | null) => (stored === null ? null : fromFlag(stored)),
  write: (value: boolean | null | undefined) => (value == null ? null : toFlag(value)),
});

const columns = rowMapping<Row, RemsSession>({
  doseId: 'dose_id',
  patientId: computedColumn('patient_id'),
  beforeSystolic: 'before_systolic',
  beforeDiastolic: 'before_diastolic',
  beforeAt: utcColumn('before_at'),
  fortyMinuteSystolic: 'forty_minute_systolic',
  fortyMinuteDiastolic: 'forty_minute_diastolic',
  fortyMinuteAt: utcColumn('forty_minute_at'),
  dischargeSystolic: 'discharge_systolic',
  dischargeDiastolic: 'discharge_diastolic',
  dischargeAt: utcColumn('discharge_at'),
  vitalsAcceptableBefore: yesNo('vitals_acceptable_before'),
  vitalsAcceptableAtCompletion: yesNo('vitals_acceptable_at_completion'),
  sedation: yesNo('sedation'),
  sedationNote: 'sedation_note',
  dissociation: yesNo('dissociation'),
  dissociationNote: 'dissociation_note',
  respiratoryDepression: yesNo('respiratory_depression'),
  respiratoryDepressionNote: 'respiratory_depression_note',
  pulseOximetry: {
    column: 'pulse_oximetry',
    read: (stored: string) => parseJson(stored),
    write: (value: unknown) => JSON.stringify(value ?? []),
  },
  readyToLeaveAt: utcColumn('ready_to_leave_at'),
  dischargedAt: utcColumn('discharged_at'),
  devicesUsed: 'devices_used',
  lotNumber: 'lot_number',
  seriousAdverseEvent: yesNo('serious_adverse_event'),
  seriousAdverseEventDescription: 'serious_adverse_event_description',
  benzodiazepines: yesNo('benzodiazepines'),
  nonBenzodiazepineSedativeHypnotics: yesNo('non_benzodiazepine_sedative_hypnotics'),
  psychostimulants: yesNo('psychostimulants'),
  maois: yesNo('maois'),
  patientBirthDate: 'patient_birth_date',
  providerName: 'provider_name',
  providerPhone: 'provider_phone',
  providerEmail: 'provider_email',
  settingName: 'setting_name',
  settingAddress: 'setting_address',
  notes: 'notes',
  formSubmittedAt: computedColumn('form_submitted_at'),
  formSubmittedBy: computedColumn('form_submitted_by'),
  formSha256: computedColumn('form_sha256'),
});

/** The session as a record, from a row read elsewhere (the board, the form). */
export const remsSessionFromRow = (row: Parameters<typeof columns.fromRow>[0]): RemsSession => columns.fromRow(row);

/** The esketamine dose a session names, from this clinic only; any other dose is a field error. */
export async function requireEsketamineDose(ctx: ServiceContext, doseId: string): Promise<Dose> {
  const row = await doseRepository.findById(ctx.db, ctx.clinicId, doseId);
  if (row === undefined) throw invalid('doseId', `no dose ${doseId} in this clinic`);
  const dose = doseService.fromRow(row);
  if (dose.drug !== 'esketamine') {
    throw invalid('doseId', `is a ${dose.drug} dose; only esketamine doses have a REMS monitoring session`);
  }
  return dose;
}

function checkPressure(session: RemsSessionInput, reading: 'before' | 'fortyMinute' | 'discharge'): void {
  const systolic = session[`${reading}Systolic`];
  const diastolic = session[`${reading}Diastolic`];
  if (systolic != null && diastolic != null && diastolic >= systolic) {
    throw invalid(`${reading}Diastolic`, `must be lower than ${reading}Systolic (${systolic} mmHg)`);
  }
}

/** Every time in the session is on the dose's day of monitoring and in the right order. */
function checkTimes(ctx: ServiceContext, input: RemsSessionInput, dose: Dose, timeZone: string): void {
  const givenMs = Date.parse(dose.givenAt);
  const given = `(given ${localTimeOf(givenMs, timeZone)})`;
  const after = (field: keyof RemsSessionInput, value: string | null | undefined): void => {
    if (value == null) return;
    notInFuture(ctx, value, field);
    if (Date.parse(value) < givenMs) throw invalid(field, `must be after the dose ${given}`);
  };
  if (input.beforeAt != null) {
    notInFuture(ctx, input.beforeAt, 'beforeAt');
    if (Date.parse(input.beforeAt) > givenMs) throw invalid('beforeAt', `must be before the dose ${given}`);
  }
  after('fortyMinuteAt', input.fortyMinuteAt);
  after('dischargeAt', input.dischargeAt);
  after('readyToLeaveAt', input.readyToLeaveAt);
  (input.pulseOximetry ?? []).forEach((reading, i) => {
    notInFuture(ctx, reading.at, `pulseOximetry[${i}].at`);
  });
  if (input.dischargedAt != null) {
    notInFuture(ctx, input.dischargedAt, 'dischargedAt');
    const problem = dischargeProblem(dose.givenAt, input.dischargedAt, timeZone);
    if (problem !== null) throw invalid('dischargedAt', problem);
    if (input.readyToLeaveAt != null && Date.parse(input.readyToLeaveAt) > Date.parse(input.dischargedAt)) {
      throw invalid('readyToLeaveAt', 'must not be after dischargedAt');
    }
  }
}

function checkAnswers(input: RemsSessionInput): void {
  if (input.seriousAdverseEvent === true && (input.seriousAdverseEventDescription ?? '').trim() === '') {
    throw invalid('seriousAdverseEventDescription', 'is required when seriousAdverseEvent is yes');
  }
}

/** A session whose form was submitted no longer changes: the submitted PDF is the record of it. */
async function refuseIfSubmitted(ctx: ServiceContext, id: string): Promise<void> {
  const existing = await remsSessionRepository.findById(ctx.db, ctx.clinicId, id);
  if (existing?.form_submitted_at != null) {
    throw new OnsetError(
      'CONFLICT',
      `the Patient Monitoring Form of this session was submitted at ${existing.form_submitted_at}; it can no longer change`,
    );
  }
}

const highest = (...values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.max(...known);
};

/**
 * The dose's vitals as the session recorded them, so the safety rules (blood pressure before and after,
 * observation time) read the session's readings from the dose itself: the pre-dose reading; as the
 * post-dose reading, the highest systolic and the highest diastolic of the 40-minute and discharge
 * readings (the post-dose rule then sees the worst of them); the lowest pulse oximetry reading as the
 * post-dose SpO2; the minutes from the dose to discharge as the observation time. Only what the session
 * has is written, and only what differs from the dose.
 */
export function dosePatchOf(session: RemsSession, dose: Dose): Partial<Dose> {
  const spo2 = session.pulseOximetry.map((r) => r.spo2);
  const wanted: Partial<Dose> = {
    systolicBefore: session.beforeSystolic,
    diastolicBefore: session.beforeDiastolic,
    systolicAfter: highest(session.fortyMinuteSystolic, session.dischargeSystolic),
    diastolicAfter: highest(session.fortyMinuteDiastolic, session.dischargeDiastolic),
    spo2After: spo2.length === 0 ? null : Math.min(...spo2),
    observationMinutes:
      session.dischargedAt === null ? null : wholeMinutes(Date.parse(dose.givenAt), Date.parse(session.dischargedAt)),
  };
  const patch: Partial<Dose> = {};
  for (const [field, value] of Object.entries(wanted) as [keyof Dose, number | null][]) {
    if (value !== null && dose[field] !== value) Object.assign(patch, { [field]: value });
  }
  return patch;
}

/**
 * Monitored esketamine sessions (SPRAVATO REMS, docs/rems.md): one per esketamine dose, validated against
 * the dose's time, and written through to the dose's vitals in the same transaction.
 */
export const remsSessionService = recordService({
  entity: 'rems-session',
  repository: remsSessionRepository,
  schema: RemsSessionInput,
  immutable: ['doseId'],
  columns,
  async rules(ctx, input, meta) {
    await refuseIfSubmitted(ctx, meta.id);
    const dose = await requireEsketamineDose(ctx, input.doseId);
    await requirePatient(ctx, dose.patientId, { field: 'doseId' });
    const other = await findSessionOfDose(ctx.db, ctx.clinicId, input.doseId);
    if (other !== undefined && other.id !== meta.id) {
      throw invalid('doseId', `already has a monitoring session (${other.id})`);
    }
    const { timeZone } = await getClinic(ctx.db, ctx.clinicId);
    checkTimes(ctx, input, dose, timeZone);
    checkPressure(input, 'before');
    checkPressure(input, 'fortyMinute');
    checkPressure(input, 'discharge');
    checkAnswers(input);
    return { patient_id: dose.patientId };
  },
  patientIdOf: (s) => s.patientId,
  afterWrite: async (ctx, session) => {
    const dose = doseService.fromRow(
      (await doseRepository.findById(ctx.db, ctx.clinicId, session.doseId)) as Record<string, unknown>,
    );
    const patch = dosePatchOf(session, dose);
    if (Object.keys(patch).length > 0) await doseService.update(ctx, dose.id, patch);
  },
});
