import type { FieldProblem } from '../shared/errors.js';
import type { FormField } from './form-fields.js';
import type { FormStatus } from './monitoring.js';

/** A session's Patient Monitoring Form as the API answers it: the values, what is missing, and the PDF. */
export interface RemsForm {
  sessionId: string;
  patientId: string;
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  submittedBy: string | null;
  sha256: string;
  missing: FieldProblem[];
  fields: FormField[];
  /** The PDF, base64: the draft as it would be submitted now, or the stored submitted form. */
  pdf: string;
}

/** One session on the REMS board. */
export interface RemsBoardItem {
  sessionId: string;
  doseId: string;
  patientId: string;
  patientLabel: string;
  givenAt: string;
  mg: number;
  dueDate: string;
  daysLeft: number;
  status: FormStatus;
  submittedAt: string | null;
}

/** The clinic's forms by status, most urgent first within each. */
export interface RemsBoard {
  overdue: RemsBoardItem[];
  dueSoon: RemsBoardItem[];
  due: RemsBoardItem[];
  submitted: RemsBoardItem[];
}
