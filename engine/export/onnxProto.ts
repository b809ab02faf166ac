// The part of onnx.proto (ONNX IR version 8) that our exporter writes, as typed messages with static encoders
// over protobufjs's Writer: no reflection, so no generated code at run time (the page's CSP forbids eval).
import { Writer } from 'protobufjs/minimal';

/** ONNX IR version 8 (ONNX 1.10 to 1.12): the newest that opset 17 needs, read by every current runtime. */
export const IR_VERSION = 8;

/** TensorProto.DataType values we use. */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;

/** AttributeProto.AttributeType values we use. */
const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

/** An attribute: exactly one of `f`, `i`, `ints` (onnx.proto AttributeProto). */
export type OnnxAttribute = { name: string; f: number } | { name: string; i: number } | { name: string; ints: number[] };

/** onnx.proto NodeProto. */
export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: OnnxAttribute[];
}

/** onnx.proto TensorProto with its values in `raw_data` (little-endian), as ONNX requires. */
export interface OnnxTensor {
  name: string;
  dataType: number;
  dims: number[];
  /** The values' bytes, little-endian. */
  raw: Uint8Array;
}

/** A dimension: a fixed size, or a named symbolic one (the batch). */
export type OnnxDim = number | string;

/** onnx.proto ValueInfoProto of a tensor type. */
export interface OnnxValueInfo {
  name: string;
  elemType: number;
  shape: OnnxDim[];
  docString?: string;
}

/** onnx.proto GraphProto. */
export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  docString?: string;
}

/** onnx.proto ModelProto, default domain only. */
export interface OnnxModel {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  docString?: string;
  graph: OnnxGraph;
}

// Wire types: 0 varint, 2 length-delimited, 5 32-bit.
const tag = (field: number, wire: 0 | 2 | 5) => (field << 3) | wire;

function writeAttribute(w: Writer, a: OnnxAttribute): void {
  w.uint32(tag(1, 2)).string(a.name);
  if ('f' in a) {
    w.uint32(tag(20, 0)).int32(AttributeType.FLOAT);
    w.uint32(tag(2, 5)).float(a.f);
  } else if ('i' in a) {
    w.uint32(tag(20, 0)).int32(AttributeType.INT);
    w.uint32(tag(3, 0)).int64(a.i);
  } else {
    w.uint32(tag(20, 0)).int32(AttributeType.INTS);
    for (const v of a.ints) w.uint32(tag(8, 0)).int64(v);
  }
}

function writeNode(w: Writer, n: OnnxNode): void {
  for (const s of n.inputs) w.uint32(tag(1, 2)).string(s);
  for (const s of n.outputs) w.uint32(tag(2, 2)).string(s);
  if (n.name !== undefined) w.uint32(tag(3, 2)).string(n.name);
  w.uint32(tag(4, 2)).string(n.opType);
  for (const a of n.attributes ?? []) {
    w.uint32(tag(5, 2)).fork();
    writeAttribute(w, a);
    w.ldelim();
  }
}

function writeTensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.dims) w.uint32(tag(1, 0)).int64(d);
  w.uint32(tag(2, 0)).int32(t.dataType);
  w.uint32(tag(8, 2)).string(t.name);
  w.uint32(tag(9, 2)).bytes(t.raw);
}

function writeValueInfo(w: Writer, v: OnnxValueInfo): void {
  w.uint32(tag(1, 2)).string(v.name);
  // TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2: TensorShapeProto { dim = 1 } } }
  w.uint32(tag(2, 2)).fork();
  w.uint32(tag(1, 2)).fork();
  w.uint32(tag(1, 0)).int32(v.elemType);
  w.uint32(tag(2, 2)).fork();
  for (const d of v.shape) {
    w.uint32(tag(1, 2)).fork();
    if (typeof d === 'number') w.uint32(tag(1, 0)).int64(d);
    else w.uint32(tag(2, 2)).string(d);
    w.ldelim();
  }
  w.ldelim();
  w.ldelim();
  w.ldelim();
  if (v.docString !== undefined) w.uint32(tag(3, 2)).string(v.docString);
}

function writeGraph(w: Writer, g: OnnxGraph): void {
  for (const n of g.nodes) {
    w.uint32(tag(1, 2)).fork();
    writeNode(w, n);
    w.ldelim();
  }
  w.uint32(tag(2, 2)).string(g.name);
  for (const t of g.initializers) {
    w.uint32(tag(5, 2)).fork();
    writeTensor(w, t);
    w.ldelim();
  }
  if (g.docString !== undefined) w.uint32(tag(10, 2)).string(g.docString);
  for (const v of g.inputs) {
    w.uint32(tag(11, 2)).fork();
    writeValueInfo(w, v);
    w.ldelim();
  }
  for (const v of g.outputs) {
    w.uint32(tag(12, 2)).fork();
    writeValueInfo(w, v);
    w.ldelim();
  }
}

/**
 * The protobuf bytes of a model (an `.onnx` file).
 * @example encodeModel({ irVersion: IR_VERSION, opsetVersion: 17, producerName: 'connex', producerVersion: '1', graph })
 */
export function encodeModel(m: OnnxModel): Uint8Array {
  const w = Writer.create();
  w.uint32(tag(1, 0)).int64(m.irVersion);
  w.uint32(tag(2, 2)).string(m.producerName);
  w.uint32(tag(3, 2)).string(m.producerVersion);
  if (m.docString !== undefined) w.uint32(tag(6, 2)).string(m.docString);
  w.uint32(tag(7, 2)).fork();
  writeGraph(w, m.graph);
  w.ldelim();
  // OperatorSetIdProto { domain = 1 (empty: the default ai.onnx domain), version = 2 }
  w.uint32(tag(8, 2)).fork();
  w.uint32(tag(1, 2)).string('');
  w.uint32(tag(2, 0)).int64(m.opsetVersion);
  w.ldelim();
  const out = w.finish();
  // In Node the writer hands back a Buffer: give every caller a plain Uint8Array.
  return out.constructor === Uint8Array ? out : new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Float32 values as little-endian bytes (raw_data of a FLOAT tensor). */
export function floatBytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** Int32 values as little-endian bytes (raw_data of an INT32 tensor). */
export function int32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i]!, true);
  return bytes;
}

/** Int64 values (small enough for a double) as little-endian bytes (raw_data of an INT64 tensor). */
export function int64Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]!), true);
  return bytes;
}
