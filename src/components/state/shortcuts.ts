/**
 * "/" focuses the site search box, as on most documentation sites. Installed once by
 * the first island on a page (pages without islands ship no JavaScript; there the
 * "Skip to search" link does the job).
 */
let installed = false;

export function installSearchShortcut(): void {
  if (installed || typeof document === 'undefined') return;
  installed = true;
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const box = document.getElementById('site-search-q') as HTMLInputElement | null;
    if (!box) return;
    event.preventDefault();
    box.focus();
  });
}
