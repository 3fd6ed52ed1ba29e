import { Type, type Static } from '@sinclair/typebox';
import { Text } from '../shared/schema.js';

export const ClinicInput = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 200 }),
    timeZone: Type.Optional(
      Text({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/New_York' }),
    ),
  },
  { additionalProperties: false },
);
export type ClinicInput = Static<typeof ClinicInput>;

export interface Clinic {
  id: string;
  name: string;
  timeZone: string;
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
