import { Suspense } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Route, Switch } from 'wouter';
import { SessionProvider, useSession } from '../session/SessionProvider';
import { Loading } from '../ui/States';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { ROUTES } from './routes';
import { SignInPage } from './SignInPage';

const queryClient = new QueryClient({
  defaultOptions: {
    // Canister reads are cheap queries: refresh on focus, retry a failed one once before showing the error.
    queries: { retry: 1, staleTime: 5_000, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});

/** The app: data cache, session, frame, and the page for the current address. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Layout>
          <Pages />
        </Layout>
      </SessionProvider>
    </QueryClientProvider>
  );
}

function Pages() {
  const { status } = useSession();
  if (status === 'restoring') return <Loading label="Opening ChargeX…" />;
  if (status !== 'signed-in') return <SignInPage />;
  return (
    <Suspense fallback={<Loading label="Loading page…" />}>
      <Switch>
        {ROUTES.map(({ path, page: Page }) => (
          <Route key={path} path={path}>
            <Page />
          </Route>
        ))}
        <Route>
          <NotFoundPage />
        </Route>
      </Switch>
    </Suspense>
  );
}
