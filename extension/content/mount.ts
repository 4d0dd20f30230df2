// One shadow-root host per record, keyed `data-greenline-host="<crm>:<recordId>"`, placed where the
// adapter says. The CRM's own nodes are never marked (React and LWC reuse them for other records);
// a host that is disconnected, hidden or no longer at its place is removed and placed again.
import type { Placement } from '../crm/types';
import { ACTION_CSS } from './styles';

export const HOST_TAG = 'greenline-action';
export const HOST_ATTR = 'data-greenline-host';

export interface Mounted {
  key: string;
  /** The node inserted into the page: the host, or its wrapper (<li> in a list). */
  outer: HTMLElement;
  host: HTMLElement;
  container: HTMLElement;
}

let sheet: CSSStyleSheet | null | undefined;

function styleInto(shadow: ShadowRoot): void {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(ACTION_CSS);
    } catch {
      sheet = null;
    }
  }
  if (sheet && 'adoptedStyleSheets' in shadow) {
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = ACTION_CSS;
    shadow.append(style);
  }
}

export function createHost(key: string, placement: Placement): Mounted {
  const host = document.createElement(HOST_TAG);
  host.setAttribute(HOST_ATTR, key);
  const shadow = host.attachShadow({ mode: 'open' });
  styleInto(shadow);
  const container = document.createElement('span');
  shadow.append(container);
  let outer: HTMLElement = host;
  if (placement.wrapper) {
    outer = document.createElement(placement.wrapper);
    outer.setAttribute(`${HOST_ATTR}-wrapper`, key);
    if (placement.wrapper === 'li') outer.setAttribute('role', 'none');
    outer.append(host);
  }
  insert(outer, placement);
  return { key, outer, host, container };
}

function insert(node: HTMLElement, { anchor, position }: Placement): void {
  if (position === 'before') anchor.before(node);
  else if (position === 'after') anchor.after(node);
  else if (position === 'first') anchor.prepend(node);
  else anchor.append(node);
}

/** Still connected and where the adapter wants it. */
export function isInPlace(mounted: Mounted, { anchor, position }: Placement): boolean {
  const { outer } = mounted;
  if (!outer.isConnected || !anchor.isConnected) return false;
  if (position === 'before') return anchor.previousElementSibling === outer;
  if (position === 'after') return anchor.nextElementSibling === outer;
  return outer.parentElement === anchor;
}

export function removeHost(mounted: Mounted): void {
  mounted.outer.remove();
}

/** Hosts (or wrappers) of ours that no live mount stands behind, e.g. after a re-render copied them. */
export function sweepStrays(root: Document, live: ReadonlySet<HTMLElement>): void {
  for (const node of root.querySelectorAll<HTMLElement>(`[${HOST_ATTR}], [${HOST_ATTR}-wrapper]`)) {
    const outer = node.hasAttribute(`${HOST_ATTR}-wrapper`)
      ? node
      : node.parentElement?.hasAttribute(`${HOST_ATTR}-wrapper`)
        ? node.parentElement
        : node;
    if (outer && !live.has(outer)) outer.remove();
  }
}
