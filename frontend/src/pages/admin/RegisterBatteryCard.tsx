import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { Principal } from '@dfinity/principal';
import { useCanisterMutation } from '../../canisters/use-canister';
import type { BatteryRegistration, Chemistry } from '../../canisters/types';
import { describeError, invalidField, unwrap } from '../../errors/describe-error';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { SelectField, TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { LEASING_CHEMISTRIES } from './chemistry';

const EMPTY = {
  serial: '',
  manufacturer: '',
  model: '',
  chemistry: 'LFP',
  nominalVoltageV: '48',
  capacityKwh: '5',
  manufacturedOn: new Date().toISOString().slice(0, 10),
  monitorDeviceId: '',
  healthPercent: '100',
  cycles: '0',
  owner: '',
};

/** Mints a battery's NFT in leasing (fleet operators): its identity, ratings and the monitor that reports for it. */
export function RegisterBatteryCard({ allowed }: { allowed: boolean }) {
  const [form, setForm] = useState(EMPTY);
  const [ownerError, setOwnerError] = useState<string>();
  const register = useCanisterMutation(async (actors, input: BatteryRegistration) => unwrap(await actors.leasing.register_battery(input)), [['batteries']]);
  const field = invalidField(register.error);
  const errorFor = (...names: string[]) => (field && names.includes(field) ? describeError(register.error) : undefined);
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    let owner: BatteryRegistration['owner'] = [];
    if (form.owner.trim()) {
      try {
        owner = [{ owner: Principal.fromText(form.owner.trim()), subaccount: [] }];
      } catch {
        setOwnerError('Owner must be a principal, like aaaaa-aa or the text under a profile.');
        return;
      }
    }
    setOwnerError(undefined);
    register.mutate({
      serial: form.serial.trim(),
      manufacturer: form.manufacturer.trim(),
      model: form.model.trim(),
      chemistry: { [form.chemistry]: null } as Chemistry,
      nominal_voltage_mv: Math.round(Number(form.nominalVoltageV) * 1000),
      capacity_wh: Math.round(Number(form.capacityKwh) * 1000),
      manufactured_on: form.manufacturedOn,
      monitor_device_id: form.monitorDeviceId.trim(),
      state_of_health_bp: Math.round(Number(form.healthPercent) * 100),
      cycle_count: Math.round(Number(form.cycles)),
      owner,
    });
  }

  return (
    <Card title="Register a battery">
      {!allowed && (
        <Notice tone="warning">
          <p>Registering batteries needs the fleet operator role. An administrator can grant it below, also to themselves.</p>
        </Notice>
      )}
      <form onSubmit={submit} aria-label="Register a battery" noValidate>
        <div className="form-grid">
          <TextField label="Serial number" value={form.serial} onChange={set('serial')} required error={errorFor('serial')} />
          <TextField label="Manufacturer" value={form.manufacturer} onChange={set('manufacturer')} required error={errorFor('manufacturer')} />
          <TextField label="Model" value={form.model} onChange={set('model')} required error={errorFor('model')} />
          <SelectField label="Chemistry" value={form.chemistry} onChange={set('chemistry')}>
            {LEASING_CHEMISTRIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextField label="Nominal voltage (V)" type="number" inputMode="decimal" min="0" step="0.1" value={form.nominalVoltageV} onChange={set('nominalVoltageV')} error={errorFor('nominal_voltage_mv')} />
          <TextField label="Capacity (kWh)" type="number" inputMode="decimal" min="0" step="0.1" value={form.capacityKwh} onChange={set('capacityKwh')} error={errorFor('capacity_wh')} />
          <TextField label="Manufactured on" type="date" value={form.manufacturedOn} onChange={set('manufacturedOn')} error={errorFor('manufactured_on')} />
          <TextField label="Monitor device id" value={form.monitorDeviceId} onChange={set('monitorDeviceId')} hint="The id the monitor reports under" error={errorFor('monitor_device_id')} />
          <TextField label="State of health (%)" type="number" min="0" max="100" value={form.healthPercent} onChange={set('healthPercent')} error={errorFor('state_of_health_bp')} />
          <TextField label="Cycle count" type="number" min="0" value={form.cycles} onChange={set('cycles')} error={errorFor('cycle_count')} />
          <TextField label="Owner (principal)" value={form.owner} onChange={set('owner')} hint="Leave empty to own it yourself" error={ownerError ?? errorFor('owner')} />
        </div>
        {register.isError && !field && (
          <Notice tone="error">
            <p>{describeError(register.error)}</p>
          </Notice>
        )}
        {register.isSuccess && (
          <Notice tone="success">
            <p data-testid="registered-battery">
              Battery registered as token <Link href={`/batteries/${register.data.token_id}`}>#{register.data.token_id.toString()}</Link>. Register its
              monitor next.
            </p>
          </Notice>
        )}
        <div className="form-actions">
          <Button type="submit" busy={register.isPending} disabled={!allowed}>
            Register battery
          </Button>
        </div>
      </form>
    </Card>
  );
}
