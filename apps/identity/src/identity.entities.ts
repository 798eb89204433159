import { MachineClientSchema } from './clients/machine-client.entity';
import { InvitationSchema } from './invitations/invitation.entity';
import { SigningKeySchema } from './keys/signing-key.entity';
import { MembershipSchema } from './members/membership.entity';
import { PlatformOperatorSchema } from './users/platform-operator.entity';
import { UserSchema } from './users/user.entity';

// The MikroORM entities of the identity schema. The OpenID provider's records, sign-in throttles,
// reset links and grant choices are read and written with SQL in their repositories: they are
// key-value rows updated with single conditional statements.
export const identityEntities = [
  UserSchema,
  PlatformOperatorSchema,
  MembershipSchema,
  InvitationSchema,
  MachineClientSchema,
  SigningKeySchema,
];
