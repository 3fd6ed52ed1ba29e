import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum, Text } from '../shared/schema.js';
import { ALERT_FOLLOW_UPS, ALERT_SEVERITIES, ALERT_STATUSES } from '../shared/vocabulary.js';

/** An alert as a safety rule raises it: the rule, its severity and the evidence that triggered it. */
export const AlertInput = Type.Object(
  {
    patientId: Id,
    rule: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$', description: 'safety rule id' }),
    severity: StringEnum(ALERT_SEVERITIES),
    episodeKey: Text({ minLength: 1, maxLength: 200, description: 'one alert per rule and episode' }),
    raisedAt: DateTime(),
    evidence: Type.Record(Type.String(), Type.Unknown(), { description: 'values, dates and the rule definition' }),
  },
  { additionalProperties: false },
);
export type AlertInput = Static<typeof AlertInput>;

/**
 * Acknowledging or closing an alert: a note, and for closing an urgent one the follow-up taken
 * (src/alerts/resolution.ts).
 */
export const AlertTransition = Type.Object(
  {
    comment: Type.Optional(
      Nullable(Text({ maxLength: 2000, description: 'what was done; required to close an urgent alert' })),
    ),
    followUp: Type.Optional(
      Nullable(StringEnum(ALERT_FOLLOW_UPS, 'the follow-up taken; required to close an urgent alert')),
    ),
  },
  { additionalProperties: false },
);
export type AlertTransition = Static<typeof AlertTransition>;

export interface Alert {
  id: string;
  clinicId: string;
  patientId: string;
  rule: string;
  severity: AlertInput['severity'];
  status: (typeof ALERT_STATUSES)[number];
  episodeKey: string;
  raisedAt: string;
  evidence: Record<string, unknown>;
  acknowledgedBy: string | null;
  /** The display name of the staff member who acknowledged it, as it is now. */
  acknowledgedByName: string | null;
  acknowledgedAt: string | null;
  acknowledgeComment: string | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
  resolveComment: string | null;
  resolveFollowUp: (typeof ALERT_FOLLOW_UPS)[number] | null;
  createdAt: string;
  updatedAt: string;
}
