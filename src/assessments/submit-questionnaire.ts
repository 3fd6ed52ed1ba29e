import type { PatientLinkIdentity } from '../auth/identity.js';
import { consumeLink } from '../auth/patient-link.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import type { Assessment } from './assessment.schema.js';
import { assessmentService } from './assessment.service.js';

export interface Submission {
  patientId: string;
  instrument: string;
  answers: unknown;
  completedAt: string;
  courseId?: string | null;
  /** Set when a patient submits through a questionnaire link: the link is consumed in the same transaction. */
  link?: PatientLinkIdentity;
}

/**
 * One questionnaire submission, all or nothing: the link is consumed, the answers validated, scored and
 * stored, the safety rules run and their alerts raised (the assessment service's write hook), and every
 * step audited — in one transaction.
 */
export async function submitQuestionnaire(
  ctx: ServiceContext,
  submission: Submission,
): Promise<{ assessment: Assessment }> {
  return inTransaction(ctx, async (tx) => {
    if (submission.link !== undefined) await consumeLink(tx, submission.link);
    const assessment = await assessmentService.create(tx, {
      patientId: submission.patientId,
      instrument: submission.instrument,
      answers: submission.answers,
      completedAt: submission.completedAt,
      source: submission.link === undefined ? 'clinician' : 'patient-link',
      ...(submission.courseId == null ? {} : { courseId: submission.courseId }),
    });
    return { assessment };
  });
}
