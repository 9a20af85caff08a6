import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RoleName } from '../canisters/types';

export interface AppRoute {
  /** wouter pattern, e.g. `/leasing/:tab?`. */
  path: string;
  /** Where the navigation link points, when it differs from `path`. */
  href?: string;
  /** Shown in the navigation when set. */
  label?: string;
  page: LazyExoticComponent<ComponentType>;
  /** Only people holding one of these roles see the link. */
  roles?: RoleName[];
}

/** Every page, each in its own chunk: a page's code (maps, charts) loads when it is first opened. */
export const ROUTES: AppRoute[] = [
  { path: '/', label: 'Fleet', page: lazy(() => import('../pages/dashboard/DashboardPage')) },
  { path: '/batteries/:tokenId', page: lazy(() => import('../pages/battery/BatteryPage')) },
  { path: '/leasing/:tab?', href: '/leasing', label: 'Leasing', page: lazy(() => import('../pages/leasing/LeasingPage')) },
  { path: '/market/:tab?', href: '/market', label: 'Market', page: lazy(() => import('../pages/market/MarketPage')) },
  { path: '/alerts', label: 'Alerts', page: lazy(() => import('../pages/alerts/AlertsPage')) },
  { path: '/wallet', label: 'Wallet', page: lazy(() => import('../pages/wallet/WalletPage')) },
  { path: '/profile', label: 'Profile', page: lazy(() => import('../pages/profile/ProfilePage')) },
  { path: '/admin', label: 'Admin', page: lazy(() => import('../pages/admin/AdminPage')), roles: ['admin', 'fleet_operator'] },
  { path: '/kiosk', label: 'Kiosk', page: lazy(() => import('../pages/kiosk/KioskPage')) },
];
