/**
 * Moves to an element of the page by id: scrolls it into view, moves keyboard focus to it (so
 * the next Tab continues from there) and puts its id in the URL fragment so the place can be
 * shared. Returns false when there is no such element.
 */
export function goToAnchor(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  // jsdom has no scrollIntoView.
  target.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  target.focus({ preventScroll: true });
  // replaceState keeps the router's state: only the fragment changes, no navigation happens.
  window.history.replaceState(window.history.state, '', `#${id}`);
  return true;
}
