/**
 * Leasing canister: battery NFTs (ICRC-7, ICRC-37, ICRC-3 block log, ICRC-10), leases paid in ckBTC through
 * ICRC-2, and a marketplace for leasing and selling batteries. Each endpoint class covers one interface; the
 * state they share is built once in app.ts.
 */
import { BatteryApi } from './api/battery_api';
import { EscrowApi } from './api/escrow_api';
import { Icrc3Api } from './api/icrc3_api';
import { Icrc37Api } from './api/icrc37_api';
import { Icrc7Api } from './api/icrc7_api';
import { LeaseApi } from './api/lease_api';
import { LifecycleApi } from './api/lifecycle_api';
import { MarketApi } from './api/market_api';

export default [LifecycleApi, Icrc7Api, Icrc37Api, Icrc3Api, BatteryApi, MarketApi, LeaseApi, EscrowApi];
