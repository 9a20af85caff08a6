import { useState, type FormEvent } from 'react';
import { useCanisterMutation, useCanisterQuery } from '../../canisters/use-canister';
import { tagOf, type WebhookEndpoint, type WebhookInput } from '../../canisters/types';
import { describeError, invalidField, unwrap } from '../../errors/describe-error';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { EmptyState, QueryView } from '../../ui/States';
import { TableScroll } from '../../ui/TableScroll';

type Format = 'json' | 'slack' | 'discord' | 'ntfy';
type Severity = 'info' | 'warning' | 'critical';
const FORMAT_LABEL: Record<Format, string> = { json: 'Signed JSON', slack: 'Slack', discord: 'Discord', ntfy: 'ntfy' };

/** Where the person's alerts are posted outside the app, each with its signing secret. */
export function WebhooksCard() {
  const webhooks = useCanisterQuery(['alerts', 'webhooks'], async (actors) => actors.alerts.my_webhooks());
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<Format>('json');
  const [minSeverity, setMinSeverity] = useState<Severity>('warning');
  const add = useCanisterMutation(async (actors, input: WebhookInput) => unwrap(await actors.alerts.add_webhook(input)), [['alerts', 'webhooks']]);
  const field = invalidField(add.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { url: url.trim(), format: { [format]: null } as WebhookInput['format'], min_severity: { [minSeverity]: null } as WebhookInput['min_severity'] },
      { onSuccess: () => setUrl('') },
    );
  }

  return (
    <Card title="Webhooks">
      <QueryView query={webhooks} isEmpty={(list) => list.length === 0} empty={<EmptyState title="No webhooks yet.">Add one to receive alerts in Slack, Discord, ntfy or your own service.</EmptyState>}>
        {(list) => <WebhookTable endpoints={list} />}
      </QueryView>
      <form onSubmit={submit} aria-label="Add a webhook" noValidate className="spaced">
        <div className="form-grid">
          <TextField
            label="Webhook address"
            type="url"
            value={url}
            required
            onChange={(event) => setUrl(event.target.value)}
            hint="An https address (for ntfy, the topic address)"
            error={field === 'url' ? describeError(add.error) : undefined}
          />
          <SelectField label="Format" value={format} onChange={(event) => setFormat(event.target.value as Format)}>
            {(Object.keys(FORMAT_LABEL) as Format[]).map((key) => (
              <option key={key} value={key}>
                {FORMAT_LABEL[key]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Lowest severity posted" value={minSeverity} onChange={(event) => setMinSeverity(event.target.value as Severity)}>
            <option value="info">Info</option>
            <option value="warning">Warning</option>
            <option value="critical">Critical</option>
          </SelectField>
        </div>
        {add.isError && field !== 'url' && (
          <Notice tone="error">
            <p>{describeError(add.error)}</p>
          </Notice>
        )}
        {add.isSuccess && (
          <Notice tone="success">The webhook is added. Posts are signed with its secret: keep it on your server to check them.</Notice>
        )}
        <div className="form-actions">
          <Button type="submit" busy={add.isPending}>
            Add webhook
          </Button>
        </div>
      </form>
    </Card>
  );
}

function WebhookTable({ endpoints }: { endpoints: WebhookEndpoint[] }) {
  const remove = useCanisterMutation(async (actors, id: number) => unwrap(await actors.alerts.remove_webhook(id)), [['alerts', 'webhooks']]);
  return (
    <>
      <TableScroll label="Webhooks">
        <table data-testid="webhook-table">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Format</th>
              <th scope="col">From</th>
              <th scope="col">Signing secret</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td className="mono">{endpoint.url}</td>
                <td>{FORMAT_LABEL[tagOf(endpoint.format) as Format]}</td>
                <td>{tagOf(endpoint.min_severity)}</td>
                <td>
                  <details>
                    <summary>Show</summary>
                    <code className="mono">{endpoint.secret}</code>
                  </details>
                </td>
                <td>
                  <Button variant="ghost" busy={remove.isPending && remove.variables === endpoint.id} onClick={() => remove.mutate(endpoint.id)}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {remove.isError && (
        <Notice tone="error">
          <p>{describeError(remove.error)}</p>
        </Notice>
      )}
    </>
  );
}
