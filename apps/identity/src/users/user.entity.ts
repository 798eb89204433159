import { EntitySchema } from '@mikro-orm/core';

// A person who signs in. The email is stored lower-cased: it is how people are found.
export class User {
  id!: string;
  email!: string;
  name!: string;
  // argon2id; null until the person has set a password (e.g. an owner invited by an operator).
  passwordHash!: string | null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'app_user',
  properties: {
    id: { type: 'string', primary: true },
    email: { type: 'string' },
    name: { type: 'string' },
    passwordHash: { type: 'string', nullable: true },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
