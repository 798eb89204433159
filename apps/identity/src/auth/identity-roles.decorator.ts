import { SetMetadata } from '@nestjs/common';
import { ROLES_KEY } from '@sms/auth';

export type IdentityRole = 'owner' | 'admin' | 'billing' | 'member' | 'operator' | 'gateway';

// Same metadata key as the platform's @Roles, with identity's own role names.
export const IdentityRoles = (...roles: IdentityRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

export const MEMBER_MANAGERS: IdentityRole[] = ['owner', 'admin', 'operator'];
