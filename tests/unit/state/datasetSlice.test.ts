// The document's dataset: chosen as one undo step, saved as training.dataset, and bringing the dataset's loss
// and output transform with it (said in a notice, undone together).
import { describe, expect, it } from 'vitest';
import { createConnexStore } from '@/components/state/store';
import { defaultChoice } from '@/engine/data/datasets';
import { seedNetwork } from '@/engine/graph/seedExample';

function store() {
  return createConnexStore({ network: seedNetwork(), seed: 1 });
}
const steps = (s: ReturnType<typeof store>) => s.temporal.getState().pastStates.length;

describe('chooseDataset', () => {
  it('starts on the seed dataset, saved in training.dataset', () => {
    const s = store();
    expect(s.getState().dataset).toEqual({ id: 'cos-sin', samples: 250, noise: 0, testFraction: 0.2, seed: 0 });
    expect(s.getState().training?.dataset).toBe(s.getState().dataset);
  });

  it('switching to spiral sets cross-entropy and a sigmoid output in one undo step, and says why', () => {
    const s = store();
    const spiral = defaultChoice('spiral');
    s.getState().chooseDataset(spiral);
    const st = s.getState();
    expect(st.dataset).toBe(spiral);
    expect(st.training?.dataset).toBe(spiral);
    expect(st.training?.config.loss).toBe('cross_entropy');
    expect(st.network.outputTransform).toBe('sigmoid');
    expect(st.notice?.text).toMatch(/Spiral is a classification task, so the loss is now cross-entropy with a sigmoid output/);
    expect(steps(s)).toBe(1);

    s.getState().undo();
    const back = s.getState();
    expect(back.dataset.id).toBe('cos-sin');
    expect(back.training?.dataset?.id).toBe('cos-sin');
    expect(back.training?.config.loss).toBeUndefined();
    expect(back.network.outputTransform).toBe('identity');
    expect(back).not.toHaveProperty('loss');

    s.getState().redo();
    expect(s.getState().dataset).toBe(spiral);
    expect(s.getState().training?.config.loss).toBe('cross_entropy');
    expect(s.getState().network.outputTransform).toBe('sigmoid');
  });

  it('changing samples or seed of the same dataset keeps the loss and transform the person chose', () => {
    const s = store();
    s.getState().chooseDataset(defaultChoice('spiral'));
    s.getState().setTraining({ ...s.getState().training!, config: { ...s.getState().training!.config, loss: 'mse' } });
    s.getState().chooseDataset({ ...s.getState().dataset, samples: 300, seed: 7 });
    expect(s.getState().dataset.samples).toBe(300);
    expect(s.getState().training?.config.loss).toBe('mse');
    expect(steps(s)).toBe(2);
  });

  it('keeps training.dataset when the panel saves progress', () => {
    const s = store();
    s.getState().chooseDataset(defaultChoice('moons'));
    s.getState().setTraining({ config: { learningRate: 0.1 }, step: 12, history: [] });
    expect(s.getState().training?.dataset?.id).toBe('moons');
    expect(s.getState().training?.step).toBe(12);
  });
});

describe('loading documents', () => {
  it('a file without a dataset trains on the seed data; one with a dataset brings it', () => {
    const s = store();
    s.getState().chooseDataset(defaultChoice('xor'));
    s.getState().loadDocument({ network: seedNetwork() }, { name: 'old', source: 'import' });
    expect(s.getState().dataset.id).toBe('cos-sin');
    const circle = defaultChoice('circle');
    s.getState().loadDocument({ network: seedNetwork(), training: { config: {}, step: 0, history: [], dataset: circle } }, { name: 'c', source: 'import' });
    expect(s.getState().dataset).toEqual(circle);
  });

  it('a preset without data of its own (the empty canvas) keeps the data in use; the others bring theirs', () => {
    const s = store();
    s.getState().chooseDataset(defaultChoice('spiral'));
    s.getState().loadPreset('empty');
    expect(s.getState().dataset.id).toBe('spiral');
    expect(s.getState().training?.dataset?.id).toBe('spiral');
    s.getState().loadPreset('xor');
    expect(s.getState().dataset.id).toBe('xor');
    expect(s.getState().training?.dataset?.id).toBe('xor');
  });
});

describe('applyDataDefaults', () => {
  it('sets loss and transform as one undo step, and does nothing when they already match', () => {
    const s = store();
    s.getState().applyDataDefaults({ loss: 'cross_entropy', outputTransform: 'softmax' }, 'Classes: softmax.');
    expect(s.getState().network.outputTransform).toBe('softmax');
    expect(s.getState().training?.config.loss).toBe('cross_entropy');
    expect(s.getState().notice?.text).toBe('Classes: softmax.');
    expect(steps(s)).toBe(1);
    s.getState().applyDataDefaults({ loss: 'cross_entropy', outputTransform: 'softmax' }, 'again');
    expect(steps(s)).toBe(1);
    s.getState().undo();
    expect(s.getState().network.outputTransform).toBe('identity');
  });
});

describe('loadPreset on classification data', () => {
  it('gives a preset without its own loss the dataset’s loss and output transform', () => {
    const s = store();
    s.getState().chooseDataset(defaultChoice('circle'));
    s.getState().loadPreset('empty');
    expect(s.getState().network.outputTransform).toBe('sigmoid');
    expect(s.getState().training?.config.loss).toBe('cross_entropy');
    expect(s.getState().notice?.text).toMatch(/For Circle it uses cross-entropy with a sigmoid output/);
  });

  it('leaves a preset alone on regression data it already suits', () => {
    const s = store();
    s.getState().loadPreset('seed');
    expect(s.getState().network.outputTransform).toBe('identity');
    expect(s.getState().training?.config.loss).toBeUndefined();
  });
});

describe('presets and their datasets', () => {
  it('the preset suggested for the data keeps it; another dataset preset brings its own', () => {
    const s = store();
    const circle = { ...defaultChoice('circle'), noise: 0.2 };
    s.getState().chooseDataset(circle);
    s.getState().loadPreset('spiral'); // the suggested network for circles
    expect(s.getState().dataset).toBe(circle);
    s.getState().loadPreset('seed'); // made for the seed data
    expect(s.getState().dataset.id).toBe('cos-sin');
    expect(s.getState().training?.dataset?.id).toBe('cos-sin');
  });
});

describe('loadPreset on regression data', () => {
  it('a classifier preset opens on its own classification data, with its transform and loss', () => {
    const s = store();
    s.getState().loadPreset('xor');
    expect(s.getState().dataset.id).toBe('xor');
    expect(s.getState().network.outputTransform).toBe('sigmoid');
    expect(s.getState().training?.config.loss).toBe('cross_entropy');
  });
});
