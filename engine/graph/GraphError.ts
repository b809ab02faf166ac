// The one error type of the engine: a stable code for programs and a sentence a student can act on.
import { boundMessage } from './names';

/** Stable error codes. Programs match on these; messages may be reworded. */
export type GraphErrorCode =
  | 'graph/cycle'
  | 'graph/self-loop'
  | 'graph/edge-into-input'
  | 'graph/edge-out-of-output'
  | 'graph/input-output-overlap'
  | 'graph/unknown-neuron'
  | 'graph/duplicate-neuron'
  | 'graph/duplicate-edge'
  | 'graph/duplicate-role'
  | 'graph/non-finite'
  | 'graph/dropout-range'
  | 'graph/bad-id'
  | 'graph/no-inputs'
  | 'graph/no-outputs'
  | 'graph/unknown-activation'
  | 'graph/unknown-output-transform'
  | 'edit/unknown-connection'
  | 'edit/role-conflict'
  | 'edit/bad-order'
  | 'edit/bad-op'
  | 'format/json'
  | 'format/invalid'
  | 'format/version'
  | 'format/too-large'
  | 'data/invalid'
  | 'data/shape'
  | 'csv/empty'
  | 'csv/ragged'
  | 'csv/not-numeric'
  | 'csv/too-large'
  | 'csv/columns'
  | 'link/invalid'
  | 'link/version'
  | 'link/too-large'
  | 'train/config'
  | 'train/loss-transform'
  | 'train/diverged'
  | 'predict/non-finite'
  | 'cli/usage'
  | 'cli/file';

/**
 * An error that a user caused and can fix. `code` is stable; `message` names the neurons involved. The message
 * is always one bounded line (`boundMessage`: control and separator characters escaped, at most
 * `MAX_MESSAGE_CHARS`), whatever ids or values it quotes, so a terminal or a notice can show it as it is.
 * @example new GraphError('graph/self-loop', 'neuron 4 cannot connect to itself')
 */
export class GraphError extends Error {
  readonly code: GraphErrorCode;
  /** JSON path of the offending field, for format errors (e.g. `network.edges[3].weight`). */
  readonly path?: string;

  constructor(code: GraphErrorCode, message: string, path?: string) {
    super(boundMessage(message));
    this.name = 'GraphError';
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}

export function isGraphError(e: unknown): e is GraphError {
  return e instanceof GraphError;
}
