// Sharing, the page's side: the share state of the document on screen, the link for it, and whether opening a
// link would replace different work saved in this browser.
import { exportGraph, type ConnexDocument } from '@/engine/graph/format';
import type { ShareState } from '@/engine/graph/shareLink';
import type { ConnexState } from '@/components/state/store';

/** The fragment prefix of a Connex link (`#connex=v1.…`). */
export const LINK_PREFIX = 'connex=';

/** The share state of a document: its network and training state, its dataset, the controls to hide. */
export function shareStateOf(state: Pick<ConnexState, 'network' | 'training' | 'dataset'>, hidden: readonly string[]): ShareState {
  const document: ConnexDocument = exportGraph(state.network, state.training ? { ...state.training, dataset: state.dataset } : undefined);
  return hidden.length ? { document, dataset: state.dataset, hidden: [...hidden] } : { document, dataset: state.dataset };
}

/** `connex=` as some mail clients and chat apps rewrite it (`connex%3D`, either case of the hex digits). */
const ENCODED_PREFIX = /^connex%3d/i;

/**
 * The fragment of a location hash when it is a Connex link (`#connex=…` -> `connex=…`), else null. A link whose
 * fragment was percent-encoded on the way (`#connex%3Dv1.…`) is decoded; when that decoding fails, the fragment is
 * returned as it is, so that opening it explains what is wrong instead of ignoring it.
 */
export function linkFragment(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment.startsWith(LINK_PREFIX)) return fragment;
  if (!ENCODED_PREFIX.test(fragment)) return null;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return `${LINK_PREFIX}${fragment.replace(ENCODED_PREFIX, '')}`;
  }
}

/** The full URL of a page with `fragment`: the same origin and path, no query surprises. */
export function linkUrl(location: { origin: string; pathname: string; search?: string }, fragment: string): string {
  return `${location.origin}${location.pathname}${location.search ?? ''}#${fragment}`;
}

/**
 * Whether a link's document differs from work saved in this browser (so opening it should ask first):
 * the networks' structure and parameters, and the dataset, compared as plain data.
 */
export function differsFromSaved(saved: ConnexDocument | null, shared: ShareState): boolean {
  if (!saved) return false;
  const a = JSON.stringify({ network: saved.network, dataset: saved.training?.dataset ?? null });
  const b = JSON.stringify({ network: exportGraph(shared.document.network).network, dataset: shared.dataset });
  return a !== b;
}
