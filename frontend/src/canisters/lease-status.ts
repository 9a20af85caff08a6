import type { Tone } from '../ui/Badge';
import { tagOf, type Lease } from './types';

/** A lease's state in words, with the tone to show it in. */
export function leaseStatus(lease: Lease): { label: string; tone: Tone } {
  switch (tagOf(lease.status)) {
    case 'Active':
      return { label: 'Active', tone: 'success' };
    case 'Overdue':
      return { label: 'Payment overdue', tone: 'danger' };
    case 'Returned':
      return { label: 'Returned', tone: 'neutral' };
    default:
      return { label: 'Defaulted', tone: 'danger' };
  }
}
