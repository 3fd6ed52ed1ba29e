import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Text } from '../shared/schema.js';
import { ROLES } from '../shared/vocabulary.js';

/** At least 12 characters: long passphrases beat complexity rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 12;

export const UserInput = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    displayName: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    role: StringEnum(ROLES),
    password: Text({ minLength: PASSWORD_MIN_LENGTH, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type UserInput = Static<typeof UserInput>;

export const UserUpdate = Type.Object(
  {
    displayName: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(StringEnum(ROLES)),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export interface User {
  id: string;
  clinicId: string;
  email: string;
  displayName: string;
  role: UserInput['role'];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}
