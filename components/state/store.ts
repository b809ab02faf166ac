// The document store: the network being edited (with the parameters the person set or saved), selection and
// notices. Every edit goes through `applyEditOps`, so undo, autosave and the training runtime see one stream of
// changes, each carrying the ops that were applied (with the values of every parameter they created). Live trained
// values are not written here while training: they are merged in (`mergeParameters`) on pause, export, share,
// autosave and a periodic checkpoint, never as undo steps.
import { temporal, type TemporalState } from 'zundo';
import { create, type StoreApi } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { carryParameters } from '@/engine/graph/carryParameters';
import { diffNetworks } from '@/engine/graph/diff';
import { applyEdit, withDrawnValues, type EditOp } from '@/engine/graph/editOps';
import { addNeuronsWithIds } from '@/engine/graph/edits';
import type { TrainingState } from '@/engine/graph/format';
import { datasetInfo, type DatasetChoice } from '@/engine/data/datasets';
import type { LossName } from '@/engine/graph/trainConfig';
import type { OutputTransform } from '@/engine/graph/types';
import { DEFAULT_DATASET, defaultsSentence } from '@/components/data/datasetDefaults';
import { isGraphError } from '@/engine/graph/GraphError';
import { createRng, type InitContext, type Rng } from '@/engine/graph/init';
import { PRESET_FOR_DATASET, presetById, type PresetId } from '@/engine/graph/presets';
import { needsLayout, tidyLayout, withTidyLayout } from '@/engine/graph/tidyLayout';
import { checkConnection } from '@/engine/graph/topology';
import { edgeKey, type Network, type Position, type Role } from '@/engine/graph/types';
import { pruneSelection, selectionPatch, type SelectionChange } from './selection';

/**
 * What last happened to the document. `edit`, `undo` and `redo` carry the ops that turn the previous network into
 * this one, new parameters' values included: the training runtime sends them to the worker as they are. `merge`
 * wrote live trained values in (nothing to send); `load` replaced the document (the worker loads it whole).
 */
export type DocumentChange =
  | { revision: number; kind: 'edit'; ops: readonly EditOp[] }
  | { revision: number; kind: 'merge' }
  | { revision: number; kind: 'load'; source: 'preset' | 'import' | 'restore' | 'undo' | 'redo' }
  | { revision: number; kind: 'undo' | 'redo'; ops: readonly EditOp[] };

/** What training holds now: its network with live values (null while it has none to give) and where the run stands. */
export type LiveSource = () => { network: Network | null; training?: TrainingState };

/** How the document came to be what it is: by edits (the ops), or by loading a whole document. Kept in undo history. */
export type DocumentCause = { kind: 'edit'; ops: readonly EditOp[] } | { kind: 'load' };

/** A change without its revision number (one per kind of change). */
type ChangeBody = DocumentChange extends infer C ? (C extends DocumentChange ? Omit<C, 'revision'> : never) : never;

/** A message for the person at the canvas. `id` grows, so the same text said twice is announced twice. */
export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
  /** Stays until dismissed (storage problems); others give way to the next successful edit, info ones also to time. */
  sticky?: boolean;
  /** Choices offered with the message (e.g. which tab's work to keep); each dismisses the notice when chosen. */
  actions?: readonly NoticeAction[];
}

/** A button on a notice. */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface ConnexState {
  /** The document: the network with its current parameters and positions. */
  network: Network;
  /** Name of the document, used for the export file `<name>.connex.json`. */
  name: string;
  /** Training settings and loss history saved with the document (written by the training panel). */
  training: TrainingState | undefined;
  /** Grows by one with every change of `network`. */
  revision: number;
  lastChange: DocumentChange | null;
  /** Selected neuron ids. */
  selectedNeurons: readonly string[];
  /** Selected connections, as `edgeKey(source, target)`. */
  selectedEdges: readonly string[];
  /** Positions of neurons being dragged right now; committed as one `moveNeurons` edit when the drag ends. */
  dragPositions: Readonly<Record<string, Position>> | null;
  notice: Notice | null;
  /** A notice that asks the person to choose (it has actions): kept apart, so later messages do not push it away. */
  choice: Notice | null;
  /** Grows when a newly loaded document should be fitted into view. */
  viewRequest: number;
  /** What made the current network (undo uses it: undoing a weight typed by hand restores the old one). */
  cause: DocumentCause;
  /** The built-in dataset the document trains on; saved as `training.dataset` (kept equal to it). */
  dataset: DatasetChoice;

  /** Applies one engine edit as one undo step. A refused edit leaves everything as it was and says why. */
  applyEditOp: (op: EditOp) => boolean;
  /** Applies edits in order, all or nothing, as one undo step. */
  applyEditOps: (ops: readonly EditOp[]) => boolean;
  /**
   * Merges trained values in: the biases and weights of `learned` wherever it has the same neuron or connection,
   * and, when given, the training state (step, history). Not an undo step; the view and selection stay.
   */
  mergeParameters: (learned: Network | null, training?: TrainingState) => void;
  /**
   * Registers where live trained values come from (the training runtime), or null. Before every edit and undo the
   * store merges them in, so undo history holds what was learned up to that moment.
   */
  setLiveSource: (source: LiveSource | null) => void;
  /** Merges what the live source holds now (trained values, the run's progress): before export, share and autosave. */
  mergeLive: () => void;
  /** Opens a document (preset, import or restored autosave); lays out neurons without positions; fits the view. */
  loadDocument: (
    doc: { network: Network; training?: TrainingState },
    options: { name: string; source: 'preset' | 'import' | 'restore' },
  ) => boolean;
  loadPreset: (id: PresetId) => void;
  /** Adds a neuron centred on `position` and selects it; returns its id. */
  addNeuron: (position: Position, role?: Role) => string | null;
  /** Connects two neurons after the engine's `checkConnection`; a refusal is reported in its words. */
  connect: (source: string, target: string) => boolean;
  /** Deletes the selected neurons (with their connections) and connections, as one undo step. */
  deleteSelection: () => void;
  changeSelection: (change: SelectionChange) => void;
  setSelection: (neurons: readonly string[], edges: readonly string[]) => void;
  selectAll: () => void;
  /** Moves neurons while dragging (`done: false`, not a document change) or for good (`done: true`, one edit). */
  dragNeurons: (positions: Readonly<Record<string, Position>>, done: boolean) => void;
  tidyLayout: () => void;
  undo: () => void;
  redo: () => void;
  notify: (tone: Notice['tone'], text: string, options?: { sticky?: boolean; actions?: readonly NoticeAction[] }) => void;
  dismissNotice: () => void;
  /** Closes the notice that asks for a choice (after one was made, or the person closed it). */
  dismissChoice: () => void;
  setTraining: (training: TrainingState | undefined) => void;
  /**
   * Chooses the dataset (one undo step). With `applyDefaults` (default: when the dataset changes) the network's
   * output transform and the loss become the dataset's defaults when they differ, and a notice says so and why.
   */
  chooseDataset: (choice: DatasetChoice, options?: { applyDefaults?: boolean }) => void;
  /** Sets the loss and output transform suited to some data (one undo step), saying so with `sentence`. */
  applyDataDefaults: (defaults: { loss: LossName; outputTransform: OutputTransform }, sentence: string) => void;
}

/** The part of the state that undo and redo restore. */
type HistoryEntry = Pick<ConnexState, 'network' | 'name' | 'cause' | 'dataset'> & { loss: LossName | undefined };

export interface ConnexStoreOptions {
  /** The document to start with. Default: the seed example. */
  network?: Network;
  /** Seed of the generator that draws new weights and biases. Default: the clock. */
  seed?: number;
  /** Most undo steps kept. */
  historyLimit?: number;
}

export const DEFAULT_NAME = 'network';

/** Removes what a file name adds around the document name: folders, `.connex.json`, `.json`. */
export function documentName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.json$/i, '').replace(/\.connex$/i, '').trim();
  return name || DEFAULT_NAME;
}

function errorText(e: unknown): string {
  if (isGraphError(e)) return e.message;
  throw e;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The training state a preset opens with: its shipped settings, no steps taken yet. */
function presetTraining(id: PresetId): TrainingState | undefined {
  const shipped = presetById(id).training;
  return shipped ? { config: { ...shipped.config }, step: 0, history: [] } : undefined;
}

/** `training` with `dataset` in it (a fresh training state when there is none): the two are saved together. */
function withDataset(training: TrainingState | undefined, dataset: DatasetChoice): TrainingState {
  const base = training ?? { config: {}, step: 0, history: [] };
  return base.dataset === dataset ? base : { ...base, dataset };
}

/** `training` with its loss set (or removed, meaning the default). */
function withLoss(training: TrainingState | undefined, loss: LossName | undefined): TrainingState {
  const base = training ?? { config: {}, step: 0, history: [] };
  const config = { ...base.config };
  if (loss === undefined) delete config.loss;
  else config.loss = loss;
  return { ...base, config };
}

/**
 * `restored` with the values of `current` for everything both share, except the parameters that `stepOps` set by
 * hand (setWeight, setBias): those keep the values `restored` holds, so undoing a typed weight brings the old one back.
 */
function carryLearned(restored: Network, current: Network, stepOps: readonly EditOp[]): Network {
  const carried = carryParameters(restored, current);
  const weights = new Set<string>();
  const biases = new Set<string>();
  for (const op of stepOps) {
    if (op.op === 'setWeight') weights.add(edgeKey(op.source, op.target));
    else if (op.op === 'setBias') biases.add(op.id);
  }
  if (weights.size === 0 && biases.size === 0) return carried;
  const keep = new Map(restored.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
  const keepBias = new Map(restored.neurons.map((n) => [n.id, n.bias]));
  return {
    ...carried,
    edges: carried.edges.map((e) => {
      const key = edgeKey(e.source, e.target);
      return weights.has(key) ? { ...e, weight: keep.get(key)! } : e;
    }),
    neurons: carried.neurons.map((n) => (biases.has(n.id) ? { ...n, bias: keepBias.get(n.id)! } : n)),
  };
}

/** Makes a store; the app uses one (`useConnexStore`), tests make their own. */
export function createConnexStore(options: ConnexStoreOptions = {}) {
  const rng: Rng = createRng(options.seed ?? Date.now() >>> 0);
  let noticeId = 0;
  let liveSource: LiveSource | null = null;

  return create<ConnexState>()(
    subscribeWithSelector(
      temporal(
        (set, get, store) => {
          // zundo types the temporal store as unknown inside the creator; it is the history of `HistoryEntry`s.
          const api = store as unknown as { temporal: StoreApi<TemporalState<HistoryEntry>> };
          const init = (): InitContext => ({ scheme: get().training?.config.init ?? 'connex', rng });
          /** A set that undo does not see (selection, notices, parameter writes, history fix-ups). */
          const setUntracked = (patch: Partial<ConnexState>) => {
            const history = api.temporal.getState();
            const tracking = history.isTracking;
            if (tracking) history.pause();
            set(patch);
            if (tracking) history.resume();
          };
          const notice = (tone: Notice['tone'], text: string, sticky = false, actions?: readonly NoticeAction[]): Notice => ({
            id: ++noticeId,
            tone,
            text,
            ...(sticky ? { sticky } : {}),
            ...(actions && actions.length > 0 ? { actions } : {}),
          });

          /** Writes a new network (recorded for undo when it differs) with the bookkeeping every change needs. */
          const commit = (network: Network, change: ChangeBody, patch: Partial<ConnexState> = {}) => {
            const s = get();
            const revision = s.revision + 1;
            set({
              network,
              revision,
              lastChange: { ...change, revision } as DocumentChange,
              cause: change.kind === 'edit' ? { kind: 'edit', ops: change.ops } : { kind: 'load' },
              ...pruneSelection(network, s.selectedNeurons, s.selectedEdges),
              // A refusal explained an earlier attempt; once something works it is old news.
              notice: s.notice?.sticky ? s.notice : null,
              ...patch,
            });
          };

          /** Writes live trained values into the document (not an undo step); see `mergeParameters`. */
          const merge = (learned: Network | null, training?: TrainingState) => {
            const s = get();
            const network = learned ? carryParameters(s.network, learned) : s.network;
            if (network === s.network && (training === undefined || training === s.training)) return;
            const revision = s.revision + 1;
            setUntracked({
              network,
              ...(training !== undefined ? { training: withDataset(training, s.dataset) } : {}),
              revision,
              lastChange: { revision, kind: 'merge' },
            });
          };
          const mergeLive = () => {
            if (!liveSource) return;
            const live = liveSource();
            merge(live.network, live.training);
          };

          const applyEditOps = (ops: readonly EditOp[], patch: Partial<ConnexState> = {}): boolean => {
            if (ops.length === 0) return true;
            // What was learned so far goes into the document first, so the undo step keeps it.
            mergeLive();
            let network = get().network;
            const applied: EditOp[] = [];
            try {
              for (const op of ops) {
                const next = applyEdit(network, op, init());
                applied.push(withDrawnValues(op, network, next));
                network = next;
              }
            } catch (e) {
              setUntracked({ notice: notice('error', errorText(e)), dragPositions: null });
              return false;
            }
            if (network === get().network) {
              if (Object.keys(patch).length > 0) setUntracked(patch);
              return true;
            }
            commit(network, { kind: 'edit', ops: applied }, { cause: { kind: 'edit', ops: applied }, ...patch });
            return true;
          };

          const jump = (direction: 'undo' | 'redo') => {
            const history = api.temporal.getState();
            if ((direction === 'undo' ? history.pastStates : history.futureStates).length === 0) return;
            mergeLive();
            const before = get();
            if (direction === 'undo') history.undo();
            else history.redo();
            const after = get();
            // The step undone (or redone) and how it was made: a whole document comes back as it was saved; after
            // edits, everything both versions share keeps what was learned since, except parameters the step itself
            // set by hand, which take the restored values. Restored neurons and connections bring their own values.
            const step = direction === 'undo' ? before.cause : after.cause;
            const network = step.kind === 'load' ? after.network : carryLearned(after.network, before.network, step.ops);
            const revision = before.revision + 1;
            // The dataset and loss came back with the step; the saved training state must say the same.
            // zundo wrote the entry's `loss` onto the state; it belongs in training.config, not at the top level.
            const entry = after as ConnexState & { loss?: LossName };
            const loss = entry.loss;
            delete entry.loss;
            const training = withDataset(
              loss === before.training?.config.loss ? before.training : withLoss(before.training, loss),
              after.dataset,
            );
            setUntracked({
              network,
              training,
              revision,
              lastChange:
                step.kind === 'load'
                  ? { revision, kind: 'load', source: direction }
                  : { revision, kind: direction, ops: diffNetworks(before.network, network) },
              dragPositions: null,
              ...pruneSelection(network, before.selectedNeurons, before.selectedEdges),
            });
          };

          /** One undo step that sets the dataset, the loss and the output transform together. */
          const commitData = (dataset: DatasetChoice, defaults: { loss: LossName; outputTransform: OutputTransform } | null, sentence: string | null) => {
            const s = get();
            let network = s.network;
            const ops: EditOp[] = [];
            if (defaults && network.outputTransform !== defaults.outputTransform) {
              ops.push({ op: 'setOutputTransform', transform: defaults.outputTransform });
              network = applyEdit(network, ops[0]!, init());
            }
            const loss = defaults?.loss ?? s.training?.config.loss;
            const training = withDataset(loss === s.training?.config.loss ? s.training : withLoss(s.training, loss), dataset);
            const revision = s.revision + 1;
            set({
              network,
              dataset,
              training,
              revision,
              cause: { kind: 'edit', ops },
              lastChange: { revision, kind: 'edit', ops },
              notice: sentence ? notice('info', sentence) : s.notice?.sticky ? s.notice : null,
            });
          };

          return {
            network: options.network ?? presetById('seed').build(),
            name: DEFAULT_NAME,
            dataset: DEFAULT_DATASET,
            training: withDataset(options.network ? undefined : presetTraining('seed'), DEFAULT_DATASET),
            revision: 0,
            lastChange: null,
            selectedNeurons: [],
            selectedEdges: [],
            dragPositions: null,
            notice: null,
            choice: null,
            viewRequest: 0,
            cause: { kind: 'load' },

            applyEditOp: (op) => applyEditOps([op]),
            applyEditOps: (ops) => applyEditOps(ops),

            mergeParameters: (learned, training) => merge(learned, training),
            setLiveSource: (source) => {
              liveSource = source;
            },
            mergeLive: () => mergeLive(),

            loadDocument: (doc, opts) => {
              let network = doc.network;
              try {
                if (needsLayout(network)) network = withTidyLayout(network);
              } catch (e) {
                setUntracked({ notice: notice('error', errorText(e)) });
                return false;
              }
              // A preset keeps the data in use unless it names its own; a file without a dataset is the seed's.
              const dataset = doc.training?.dataset ?? (opts.source === 'preset' ? get().dataset : DEFAULT_DATASET);
              const patch: Partial<ConnexState> = {
                name: opts.name,
                dataset,
                training: withDataset(doc.training, dataset),
                selectedNeurons: [],
                selectedEdges: [],
                dragPositions: null,
                viewRequest: get().viewRequest + 1,
                cause: { kind: 'load' },
              };
              if (opts.source === 'restore') {
                const revision = get().revision + 1;
                setUntracked({ ...patch, network, revision, lastChange: { revision, kind: 'load', source: 'restore' } });
                api.temporal.getState().clear();
              } else {
                commit(network, { kind: 'load', source: opts.source }, patch);
              }
              return true;
            },

            loadPreset: (id) => {
              const preset = presetById(id);
              let training = presetTraining(id);
              let network = preset.build();
              // The preset suggested for the data in use keeps that data (the spiral net on circles); another
              // preset made for a dataset brings it; a preset made for none keeps the data in use.
              const current = get().dataset;
              const dataset = PRESET_FOR_DATASET[current.id] === id || !preset.dataset ? current : preset.dataset;
              training = { ...(training ?? { config: {}, step: 0, history: [] }), dataset };
              // A preset that names no loss takes the loss and output of classification data: with mean squared
              // error and an identity output there would be no class probabilities and no accuracy.
              const info = datasetInfo(dataset.id);
              let adapted = '';
              if (training.config.loss === undefined && info.task === 'classification') {
                network = { ...network, outputTransform: info.outputTransform };
                training = { ...training, config: { ...training.config, loss: info.loss } };
                adapted = ` For ${info.label} it uses ${info.loss === 'mse' ? 'mean squared error' : 'cross-entropy'} with a${info.outputTransform === 'identity' ? 'n' : ''} ${info.outputTransform} output.`;
              }
              get().loadDocument({ network, training }, { name: id === 'seed' ? DEFAULT_NAME : id, source: 'preset' });
              setUntracked({ notice: notice('info', `Opened “${preset.name}”.${adapted} Ctrl+Z brings back what was here before.`) });
            },

            addNeuron: (position, role = 'hidden') => {
              let result: { network: Network; ids: string[] };
              const at = { x: Math.round(position.x), y: Math.round(position.y) };
              try {
                result = addNeuronsWithIds(get().network, [{ role, position: at }], init());
              } catch (e) {
                setUntracked({ notice: notice('error', errorText(e)) });
                return null;
              }
              const id = result.ids[0] as string;
              const neuron = result.network.neurons[result.network.neurons.length - 1];
              // The op names the id and bias chosen here, so replaying it elsewhere gives the same neuron.
              commit(
                result.network,
                { kind: 'edit', ops: [{ op: 'addNeurons', neurons: [{ id, role, position: at, bias: neuron?.bias ?? 0 }] }] },
                { selectedNeurons: [id], selectedEdges: [] },
              );
              return id;
            },

            connect: (source, target) => {
              const error = checkConnection(get().network, source, target);
              if (error) {
                setUntracked({ notice: notice('error', `Not connected: ${error.message}`) });
                return false;
              }
              return applyEditOps([{ op: 'addConnections', connections: [[source, target]] }], {
                selectedNeurons: [],
                selectedEdges: [edgeKey(source, target)],
              });
            },

            deleteSelection: () => {
              const { network, selectedNeurons, selectedEdges } = get();
              const gone = new Set(selectedNeurons);
              const wanted = new Set(selectedEdges);
              const connections = network.edges
                .filter((e) => wanted.has(edgeKey(e.source, e.target)) && !gone.has(e.source) && !gone.has(e.target))
                .map((e) => [e.source, e.target] as const);
              const touching = network.edges.filter((e) => gone.has(e.source) || gone.has(e.target)).length;
              const ids = network.neurons.filter((n) => gone.has(n.id)).map((n) => n.id);
              if (ids.length === 0 && connections.length === 0) {
                setUntracked({ notice: notice('info', 'Select neurons or connections first (click, Shift-click or Shift-drag a box).') });
                return;
              }
              const ops: EditOp[] = [];
              if (connections.length > 0) ops.push({ op: 'removeConnections', connections });
              if (ids.length > 0) ops.push({ op: 'removeNeurons', ids });
              const parts = [ids.length > 0 && plural(ids.length, 'neuron'), plural(connections.length + touching, 'connection')];
              applyEditOps(ops, {
                selectedNeurons: [],
                selectedEdges: [],
                notice: notice('info', `Deleted ${parts.filter(Boolean).join(' and ')}. Ctrl+Z brings them back.`),
              });
            },

            changeSelection: (change) => {
              const s = get();
              const patch = selectionPatch(s.selectedNeurons, s.selectedEdges, change);
              if (patch) setUntracked(patch);
            },
            setSelection: (neurons, edges) => setUntracked({ selectedNeurons: [...neurons], selectedEdges: [...edges] }),
            selectAll: () => {
              const { network } = get();
              setUntracked({
                selectedNeurons: network.neurons.map((n) => n.id),
                selectedEdges: network.edges.map((e) => edgeKey(e.source, e.target)),
              });
            },

            dragNeurons: (positions, done) => {
              const merged = { ...(get().dragPositions ?? {}), ...positions };
              if (!done) {
                setUntracked({ dragPositions: merged });
                return;
              }
              applyEditOps([{ op: 'moveNeurons', positions: merged }], { dragPositions: null });
            },

            tidyLayout: () => {
              const { network } = get();
              if (network.neurons.length === 0) return;
              let positions: Record<string, Position>;
              try {
                positions = tidyLayout(network);
              } catch (e) {
                setUntracked({ notice: notice('error', errorText(e)) });
                return;
              }
              applyEditOps([{ op: 'moveNeurons', positions }], { viewRequest: get().viewRequest + 1 });
            },

            undo: () => jump('undo'),
            redo: () => jump('redo'),
            notify: (tone, text, opts) => {
              const made = notice(tone, text, opts?.sticky, opts?.actions);
              setUntracked(made.actions ? { choice: made } : { notice: made });
            },
            dismissNotice: () => setUntracked({ notice: null }),
            dismissChoice: () => setUntracked({ choice: null }),
            setTraining: (training) => setUntracked({ training: withDataset(training, get().dataset) }),

            chooseDataset: (choice, opts) => {
              const s = get();
              const info = datasetInfo(choice.id);
              const apply = opts?.applyDefaults ?? choice.id !== s.dataset.id;
              const config = s.training?.config;
              const differs = s.network.outputTransform !== info.outputTransform || (config?.loss ?? 'mse') !== info.loss;
              const defaults = apply && differs ? { loss: info.loss, outputTransform: info.outputTransform } : null;
              commitData(choice, defaults, defaults ? defaultsSentence(info) : null);
            },

            applyDataDefaults: (defaults, sentence) => {
              const s = get();
              if (s.network.outputTransform === defaults.outputTransform && (s.training?.config.loss ?? 'mse') === defaults.loss) return;
              commitData(s.dataset, defaults, sentence);
            },
          };
        },
        {
          partialize: (s): HistoryEntry => ({
            network: s.network,
            name: s.name,
            cause: s.cause,
            dataset: s.dataset,
            loss: s.training?.config.loss,
          }),
          // Only document changes are steps: selection, notices and drags in progress are not.
          equality: (a, b) => a.network === b.network && a.dataset === b.dataset && a.loss === b.loss,
          limit: options.historyLimit ?? 200,
        },
      ),
    ),
  );
}

export type ConnexStore = ReturnType<typeof createConnexStore>;

/** The app's store. `useConnexStore(selector)` in components; `useConnexStore.getState()` elsewhere. */
export const useConnexStore: ConnexStore = createConnexStore();

/** Subscribes to the app's store: `subscribe(listener)` or `subscribe(selector, listener, { equalityFn })`. */
export const subscribe: ConnexStore['subscribe'] = useConnexStore.subscribe;
