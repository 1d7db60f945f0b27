import { useEffect, useState } from 'preact/hooks';

/** The view an address shows: `#/inbox` (the default), `#/board`, `#/settings` or `#/jobs/<job id>`. */
export type Route =
  | { readonly view: 'inbox' }
  | { readonly view: 'board' }
  | { readonly view: 'settings' }
  | { readonly view: 'job'; readonly jobId: string };

/** Reads the view from the address fragment. */
export function routeOf(hash: string): Route {
  const job = /^#\/jobs\/(.+)$/.exec(hash);
  if (job?.[1]) return { view: 'job', jobId: decodeURIComponent(job[1]) };
  if (hash === '#/board') return { view: 'board' };
  if (hash === '#/settings') return { view: 'settings' };
  return { view: 'inbox' };
}

/** The current route, following the address as it changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
