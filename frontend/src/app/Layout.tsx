import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { shortPrincipal } from '../format/principal';
import { useSession } from '../session/SessionProvider';
import { canManageFleet, useMyRoles } from '../session/use-roles';
import { Button } from '../ui/Button';
import { ROUTES } from './routes';
import { applyTheme, initialTheme, type Theme } from './theme';
import './layout.css';

/** The frame of every page: skip link, header with navigation and account, and the main region. */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Header() {
  const { session, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const [location] = useLocation();
  useEffect(() => setMenuOpen(false), [location]);
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href="/" className="brand" aria-label="ChargeX home">
          <BrandMark />
          <span>ChargeX</span>
        </Link>
        {session && (
          <Button variant="secondary" className="menu-toggle" aria-expanded={menuOpen} aria-controls="primary-nav" onClick={() => setMenuOpen(!menuOpen)}>
            Menu
          </Button>
        )}
        <div className={menuOpen ? 'app-header__menu app-header__menu--open' : 'app-header__menu'}>
          {session && <PrimaryNav />}
          <div className="account">
            <ThemeToggle />
            {session && (
              <>
                <span className="account__principal mono" title={session.principal} data-testid="principal">
                  {shortPrincipal(session.principal)}
                </span>
                <Button variant="secondary" onClick={() => void signOut()}>
                  Sign out
                </Button>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}

function PrimaryNav() {
  const [location] = useLocation();
  const roles = useMyRoles();
  const links = ROUTES.filter((route) => route.label && (!route.roles || canManageFleet(roles.data)));
  return (
    <nav id="primary-nav" aria-label="Main">
      <ul className="nav-list">
        {links.map((route) => {
          const href = route.href ?? route.path;
          const current = href === '/' ? location === '/' || location.startsWith('/batteries') : location.startsWith(href);
          return (
            <li key={href}>
              <Link href={href} aria-current={current ? 'page' : undefined}>
                {route.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.dataset.theme as Theme) ?? initialTheme());
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button
      variant="ghost"
      aria-label={`Switch to ${next} theme`}
      onClick={() => {
        applyTheme(next, true);
        setTheme(next);
      }}
    >
      {theme === 'dark' ? '☀' : '☾'}
    </Button>
  );
}

function BrandMark() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path d="M18 4 8 18h7l-2 10 11-15h-7z" fill="var(--color-surface)" />
    </svg>
  );
}
