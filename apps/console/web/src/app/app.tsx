import { Suspense, useEffect, useRef } from 'react';
import { Alert, Loading } from '../components/feedback';
import SignInPage from '../features/sign-in/sign-in-page';
import { PAGES } from './pages';
import { can } from './permissions';
import { Link, usePathname } from './router';
import { signOut, SignedInProvider, useBffSession, useSignedIn } from './session';

export function App() {
  const session = useBffSession();
  if (session.isPending) {
    return <Loading what="the console" />;
  }
  if (session.isError) {
    return <Alert tone="danger">The console cannot reach its server. Try again in a moment.</Alert>;
  }
  const { user } = session.data;
  if (!session.data.signedIn || user === null) {
    return <SignInPage methods={session.data.signInMethods} />;
  }
  return (
    <SignedInProvider user={user}>
      <Shell />
    </SignedInProvider>
  );
}

function Shell() {
  const pathname = usePathname();
  const { user, accountId } = useSignedIn();
  const visible = PAGES.filter((page) => page.needs === undefined || can(user.role, page.needs));
  const page = visible.find((candidate) => candidate.path === pathname);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${page?.title ?? 'Not found'} · SMS credits`;
    main.current?.focus();
  }, [page]);

  const Page = page?.component;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">SMS credits</span>
        <span className="who" data-testid="who">
          {user.name ?? user.email ?? user.subject} · {user.role} · account <strong>{accountId}</strong>
        </span>
        <button type="button" className="button button-secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav aria-label="Pages" className="sidebar">
        <ul>
          {visible.map((item) => (
            <li key={item.path}>
              <Link to={item.path} aria-current={item.path === pathname ? 'page' : undefined}>
                {item.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="content">
        <Suspense fallback={<Loading what="the page" />}>
          {Page === undefined ? (
            <Alert tone="warning">This page does not exist or is not available to your role.</Alert>
          ) : (
            <Page />
          )}
        </Suspense>
      </main>
    </div>
  );
}
