import { Type, type Static } from '@sinclair/typebox';

export const ClinicInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/New_York' })),
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
