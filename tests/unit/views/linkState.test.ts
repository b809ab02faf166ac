// The page's side of share links: the state it encodes, recognising a link's fragment, and when opening one
// must ask first.
import { describe, expect, it } from 'vitest';
import { differsFromSaved, linkFragment, linkUrl, shareStateOf } from '@/components/share/linkState';
import { defaultChoice } from '@/engine/data/datasets';
import { exportGraph } from '@/engine/graph/format';
import { seedNetwork } from '@/engine/graph/seedExample';
import { decodeShareLink, encodeShareLink } from '@/engine/graph/shareLink';

const training = { config: { learningRate: 0.1, seed: 3 }, step: 40, history: [{ step: 1, loss: 0.5 }] };

describe('shareStateOf', () => {
  it('carries network, settings, seed and dataset through a link', () => {
    const network = seedNetwork();
    const dataset = { ...defaultChoice('spiral'), noise: 0.1, seed: 5 };
    const fragment = encodeShareLink(shareStateOf({ network, training, dataset }, ['settings']), { parameters: true });
    expect(linkFragment(`#${fragment}`)).toBe(fragment);
    const back = decodeShareLink(fragment);
    expect(back.dataset).toEqual(dataset);
    expect(back.hidden).toEqual(['settings']);
    expect(back.document.network.edges.map((e) => e.weight)).toEqual(network.edges.map((e) => e.weight));
    expect(back.document.training?.config).toEqual({ learningRate: 0.1, seed: 3 });
  });

  it('leaves out `hidden` when nothing is hidden', () => {
    const state = shareStateOf({ network: seedNetwork(), training: undefined, dataset: defaultChoice('xor') }, []);
    expect(state).not.toHaveProperty('hidden');
    expect(state.document.training).toBeUndefined();
  });
});

describe('linkFragment and linkUrl', () => {
  it('recognises only Connex fragments', () => {
    expect(linkFragment('#connex=v1.abc')).toBe('connex=v1.abc');
    expect(linkFragment('#connex=garbage')).toBe('connex=garbage');
    expect(linkFragment('#section-2')).toBeNull();
    expect(linkFragment('')).toBeNull();
  });

  it('builds the page address with the fragment', () => {
    expect(linkUrl({ origin: 'http://x.test', pathname: '/', search: '' }, 'connex=v1.a')).toBe('http://x.test/#connex=v1.a');
  });
});

describe('differsFromSaved', () => {
  const dataset = defaultChoice('spiral');
  const shared = shareStateOf({ network: seedNetwork(), training, dataset }, []);

  it('is false with nothing saved, or the same network and dataset saved', () => {
    expect(differsFromSaved(null, shared)).toBe(false);
    expect(differsFromSaved(exportGraph(seedNetwork(), { ...training, dataset }), shared)).toBe(false);
  });

  it('is true when the saved network or dataset differ', () => {
    const other = seedNetwork();
    other.edges[0] = { ...other.edges[0]!, weight: 42 };
    expect(differsFromSaved(exportGraph(other, { ...training, dataset }), shared)).toBe(true);
    expect(differsFromSaved(exportGraph(seedNetwork(), { ...training, dataset: defaultChoice('xor') }), shared)).toBe(true);
  });
});
