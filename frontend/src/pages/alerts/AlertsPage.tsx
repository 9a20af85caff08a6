import { DeliverySettingsCard } from './DeliverySettingsCard';
import { FeedCard } from './FeedCard';
import { WebhooksCard } from './WebhooksCard';
import './alerts.css';

/** The person's alerts: their feed, where alerts are posted outside the app, and when to keep quiet. */
export default function AlertsPage() {
  return (
    <div className="page">
      <div className="page-header">
        <h1>Alerts</h1>
        <p>What the batteries you own, lease or look after need attention for, and where you hear of it.</p>
      </div>
      <div className="stack">
        <FeedCard />
        <WebhooksCard />
        <DeliverySettingsCard />
      </div>
    </div>
  );
}
