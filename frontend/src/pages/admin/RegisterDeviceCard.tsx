import { useState, type FormEvent } from 'react';
import { Principal } from '@dfinity/principal';
import { allTokenIds, batteriesOf } from '../../canisters/fleet';
import { useCanisterMutation, useCanisterQuery } from '../../canisters/use-canister';
import { tagOf, type DeviceRegistration } from '../../canisters/types';
import { describeError, invalidField, unwrap } from '../../errors/describe-error';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { TELEMETRY_CHEMISTRIES, telemetryChemistryFor } from './chemistry';

/** Registers a battery's monitor in telemetry with the public key it signs readings with. */
export function RegisterDeviceCard() {
  const batteries = useCanisterQuery(['batteries', 'all'], async (actors) => batteriesOf(actors, await allTokenIds(actors)));
  const [tokenId, setTokenId] = useState('');
  const [deviceId, setDeviceId] = useState('');
  const [owner, setOwner] = useState('');
  const [chemistry, setChemistry] = useState('LiFePO4');
  const [algorithm, setAlgorithm] = useState('Ed25519');
  const [publicKey, setPublicKey] = useState('');
  const [firmware, setFirmware] = useState('1.0.0');
  const [interval, setReportingInterval] = useState('60');
  const [localError, setLocalError] = useState<{ field: string; message: string }>();
  const register = useCanisterMutation(async (actors, input: DeviceRegistration) => unwrap(await actors.telemetry.register_device(input)), [['devices'], ['fleet']]);
  const field = invalidField(register.error);
  const errorFor = (name: string) => (localError?.field === name ? localError.message : field === name ? describeError(register.error) : undefined);

  function pickBattery(value: string) {
    setTokenId(value);
    const battery = batteries.data?.find((view) => view.token_id.toString() === value);
    if (!battery) return;
    setDeviceId(battery.battery.monitor_device_id);
    setOwner(battery.owner.owner.toText());
    setChemistry(telemetryChemistryFor(tagOf(battery.battery.chemistry)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const key = parseHex(publicKey);
    if (!key) return setLocalError({ field: 'key.public_key', message: 'Public key must be hexadecimal, e.g. 3b6a27bc…' });
    let ownerPrincipal: Principal;
    try {
      ownerPrincipal = Principal.fromText(owner.trim());
    } catch {
      return setLocalError({ field: 'owner', message: 'Owner must be a principal.' });
    }
    if (!tokenId) return setLocalError({ field: 'battery_token_id', message: 'Choose the battery this monitor sits on.' });
    setLocalError(undefined);
    register.mutate({
      device_id: deviceId.trim(),
      battery_token_id: BigInt(tokenId),
      owner: ownerPrincipal,
      chemistry: { [chemistry]: null } as DeviceRegistration['chemistry'],
      key: { algorithm: { [algorithm]: null } as DeviceRegistration['key']['algorithm'], public_key: key },
      firmware_version: firmware.trim(),
      reporting_interval_s: Math.round(Number(interval)),
    });
  }

  return (
    <Card title="Register a monitor device">
      <form onSubmit={submit} aria-label="Register a monitor device" noValidate>
        <div className="form-grid">
          <SelectField label="Battery" value={tokenId} onChange={(event) => pickBattery(event.target.value)} error={errorFor('battery_token_id')} hint={batteries.isPending ? 'Loading batteries…' : undefined}>
            <option value="">Choose a battery</option>
            {batteries.data?.map((view) => (
              <option key={view.token_id.toString()} value={view.token_id.toString()}>
                #{view.token_id.toString()} {view.battery.serial} ({view.battery.model})
              </option>
            ))}
          </SelectField>
          <TextField label="Device id" value={deviceId} onChange={(event) => setDeviceId(event.target.value)} error={errorFor('device_id')} />
          <TextField label="Owner (principal)" value={owner} onChange={(event) => setOwner(event.target.value)} hint="Sees this battery's telemetry" error={errorFor('owner')} />
          <SelectField label="Cell chemistry" value={chemistry} onChange={(event) => setChemistry(event.target.value)}>
            {TELEMETRY_CHEMISTRIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField label="Key type" value={algorithm} onChange={(event) => setAlgorithm(event.target.value)}>
            <option value="Ed25519">Ed25519</option>
            <option value="Secp256k1">secp256k1</option>
          </SelectField>
          <TextField label="Public key (hex)" value={publicKey} onChange={(event) => setPublicKey(event.target.value)} className="input mono" spellCheck={false} error={errorFor('key.public_key')} />
          <TextField label="Firmware version" value={firmware} onChange={(event) => setFirmware(event.target.value)} error={errorFor('firmware_version')} />
          <TextField label="Reporting interval (s)" type="number" min="1" value={interval} onChange={(event) => setReportingInterval(event.target.value)} error={errorFor('reporting_interval_s')} />
        </div>
        {register.isError && !field && (
          <Notice tone="error">
            <p>{describeError(register.error)}</p>
          </Notice>
        )}
        {register.isSuccess && (
          <Notice tone="success">
            <p data-testid="registered-device">Monitor {register.data.device_id} is registered and may report now.</p>
          </Notice>
        )}
        <div className="form-actions">
          <Button type="submit" busy={register.isPending}>
            Register device
          </Button>
        </div>
      </form>
    </Card>
  );
}

function parseHex(text: string): Uint8Array | undefined {
  const clean = text.trim().replace(/^0x/, '');
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) return undefined;
  return Uint8Array.from(clean.match(/../g)!.map((pair) => parseInt(pair, 16)));
}
