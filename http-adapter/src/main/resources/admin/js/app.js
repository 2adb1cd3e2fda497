// The admin UI: sign-in with an API key, then five screens over the public JSON API.
import { html, render, useEffect, useRef, useState } from './preact.js';
import { api, session, whenUnauthorized } from './api.js';
import { useCodeSets } from './codes.js';
import { ErrorNote } from './ui.js';
import { BindingsScreen } from './screens/bindings.js';
import { LinksScreen } from './screens/links.js';
import { SubscriptionsScreen } from './screens/subscriptions.js';
import { UsageScreen } from './screens/usage.js';
import { BalancesScreen } from './screens/balances.js';

const SCREENS = [
  { path: 'bindings', title: 'Resource binding', view: BindingsScreen },
  { path: 'links', title: 'Supplier links', view: LinksScreen },
  { path: 'subscriptions', title: 'Subscriptions', view: SubscriptionsScreen },
  { path: 'usage', title: 'Consumption records', view: UsageScreen },
  { path: 'balances', title: 'Balances', view: BalancesScreen },
];

function currentScreen() {
  const path = location.hash.replace(/^#\/?/, '');
  return SCREENS.find((s) => s.path === path) || SCREENS[0];
}

/** Checks a key by reading the code sets with it; they are needed anyway. */
async function openSession(key) {
  const answer = await api('GET', '/code-sets?page_size=1000', undefined, key);
  useCodeSets(answer.items);
}

function SignIn({ onSignedIn, notice }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const key = event.currentTarget.elements.key.value.trim();
    setBusy(true);
    setError(null);
    try {
      await openSession(key);
      session.signIn(key);
      onSignedIn();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return html`<main class="sign-in" id="main">
    <h1>Tally admin</h1>
    <form id="sign-in" onSubmit=${submit}>
      <p>Sign in with an admin API key (<code>tally apikey create --role admin</code>). The key is
        kept in this tab only and forgotten when the tab closes.</p>
      ${notice ? html`<p class="note" role="status">${notice}</p>` : null}
      <label class="field">
        <span class="field-label">API key</span>
        <input type="password" name="key" id="api-key" autocomplete="off" required autofocus />
      </label>
      <${ErrorNote} error=${error} id="sign-in-error" />
      <div class="actions"><button type="submit" disabled=${busy}>Sign in</button></div>
    </form>
  </main>`;
}

function Shell({ screen, onSignOut }) {
  const main = useRef(null);
  useEffect(() => {
    document.title = `${screen.title} · Tally admin`;
  }, [screen]);
  const skip = (event) => {
    event.preventDefault();
    main.current.focus();
  };
  const View = screen.view;
  return html`<div class="shell"><a class="skip" href="#main" onClick=${skip}>Skip to content</a>
    <header class="top">
      <span class="brand">Tally admin</span>
      <nav aria-label="Screens">
        <ul>
          ${SCREENS.map(
            (s) => html`<li><a href=${`#/${s.path}`} id=${`nav-${s.path}`}
              aria-current=${s === screen ? 'page' : undefined}>${s.title}</a></li>`,
          )}
        </ul>
      </nav>
      <button type="button" class="sign-out" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="main" ref=${main} tabindex="-1" data-screen=${screen.path}>
      <${View} key=${screen.path} />
    </main></div>`;
}

function App() {
  const [state, setState] = useState(session.key() ? 'resuming' : 'signed-out');
  const [notice, setNotice] = useState(null);
  const [screen, setScreen] = useState(currentScreen());
  useEffect(() => {
    const follow = () => setScreen(currentScreen());
    window.addEventListener('hashchange', follow);
    whenUnauthorized(() => {
      session.signOut();
      setNotice('The API key was refused; sign in again.');
      setState('signed-out');
    });
    if (state === 'resuming') {
      openSession(session.key()).then(
        () => setState('signed-in'),
        (e) => {
          session.signOut();
          setNotice(e.message);
          setState('signed-out');
        },
      );
    }
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  if (state === 'resuming') return html`<p class="muted" role="status">Signing in…</p>`;
  if (state === 'signed-out') {
    return html`<${SignIn} notice=${notice} onSignedIn=${() => { setNotice(null); setState('signed-in'); }} />`;
  }
  const signOut = () => {
    session.signOut();
    setNotice('Signed out.');
    setState('signed-out');
  };
  return html`<${Shell} screen=${screen} onSignOut=${signOut} />`;
}

render(html`<${App} />`, document.getElementById('app'));
