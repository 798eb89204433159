import { PageHeader } from '../../components/card';
import { InvitationsCard } from './invitations-card';
import { MachineClientsCard } from './machine-clients-card';
import { MembersCard } from './members-card';

// The account's people and machines, from identity: members and their roles, invitations, and the
// machine clients SMS gateways sign in with.
export default function TeamPage() {
  return (
    <>
      <PageHeader title="Team" />
      <MembersCard />
      <InvitationsCard />
      <MachineClientsCard />
    </>
  );
}
