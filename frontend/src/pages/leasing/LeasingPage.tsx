import { Link, useParams } from 'wouter';
import { MyBatteriesTab } from './MyBatteriesTab';
import { MyLeasesTab } from './MyLeasesTab';
import { OffersTab } from './OffersTab';

const TABS = [
  { slug: '', label: 'Offers', Tab: OffersTab },
  { slug: 'mine', label: 'My leases', Tab: MyLeasesTab },
  { slug: 'owned', label: 'Batteries I lease out', Tab: MyBatteriesTab },
];

/** Leasing: offers to take, the person's leases, and the leases on batteries they own. */
export default function LeasingPage() {
  const { tab = '' } = useParams<{ tab?: string }>();
  const current = TABS.find((entry) => entry.slug === tab) ?? TABS[0]!;
  return (
    <div className="page">
      <div className="page-header">
        <h1>Leasing</h1>
        <p>Lease a battery with ckBTC: a deposit and the first period up front, the rest as it falls due.</p>
      </div>
      <nav className="tabs" aria-label="Leasing sections">
        {TABS.map((entry) => (
          <Link key={entry.slug} href={entry.slug ? `/leasing/${entry.slug}` : '/leasing'} aria-current={entry === current ? 'page' : undefined}>
            {entry.label}
          </Link>
        ))}
      </nav>
      <current.Tab />
    </div>
  );
}
