import { canManageFleet, useMyRoles } from '../../session/use-roles';
import { EmptyState, Loading } from '../../ui/States';
import { DevicesCard } from './DevicesCard';
import { RegisterBatteryCard } from './RegisterBatteryCard';
import { RegisterDeviceCard } from './RegisterDeviceCard';
import { RolesCard } from './RolesCard';

/** Fleet administration: batteries and their monitors into service, and who may do what. */
export default function AdminPage() {
  const roles = useMyRoles();
  if (roles.isPending) return <Loading />;
  if (!canManageFleet(roles.data)) {
    return (
      <div className="page">
        <h1>Administration</h1>
        <EmptyState title="This page is for administrators and fleet operators.">
          <p>Ask an administrator for the role you need.</p>
        </EmptyState>
      </div>
    );
  }
  const isAdmin = roles.data?.includes('admin') ?? false;
  const isFleetOperator = roles.data?.includes('fleet_operator') ?? false;
  return (
    <div className="page">
      <div className="page-header">
        <h1>Administration</h1>
        <p>Register batteries and their monitors, and grant roles.</p>
      </div>
      <div className="stack">
        <RegisterBatteryCard allowed={isFleetOperator} />
        <RegisterDeviceCard />
        <DevicesCard />
        {isAdmin && <RolesCard />}
      </div>
    </div>
  );
}
