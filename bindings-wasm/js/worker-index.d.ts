import type * as dvctt from "../web/index.js";

/** A value kept in the worker by `keep`. */
export interface Kept<T> {
  readonly $dvcttKept: number;
  /** Never set: carries the kept value's type. */
  readonly __type?: T;
}

/** A kept value (or one of its fields) passed as an argument. */
export type Ref<T> = T;

type Fn = (...args: any[]) => any;
type Functions = { [K in keyof typeof dvctt as (typeof dvctt)[K] extends Fn ? K : never]: (typeof dvctt)[K] };
/** Bytes may be given as a File or Blob: the worker reads it. */
type Sent<A> = { [I in keyof A]: A[I] extends Uint8Array ? Uint8Array | Blob : A[I] };
type Async<F> = F extends (...args: infer A) => infer R ? (...args: Sent<A>) => Promise<Awaited<R>> : never;

export type DvcttWorker = { [K in keyof Functions]: Async<Functions[K]> } & {
  /** Runs `name` in the worker and keeps its result there. */
  keep<K extends keyof Functions>(name: K, ...args: Parameters<Functions[K]>): Promise<Kept<ReturnType<Functions[K]>>>;
  /** A kept value, or one of its fields, as an argument of a later call. */
  ref<T, F extends keyof T>(kept: Kept<T>, field: F): Ref<T[F]>;
  ref<T>(kept: Kept<T>): Ref<T>;
  /** Brings a kept value, or one of its fields, back to the page. */
  take<T, F extends keyof T>(kept: Kept<T>, field: F): Promise<T[F]>;
  take<T>(kept: Kept<T>): Promise<T>;
  /** Constructs a Records (a data set held in wasm memory) in the worker and keeps it there. */
  create(cls: "Records"): Promise<Kept<dvctt.Records>>;
  /** Constructs a Consolidation (a consolidated report held in wasm memory) in the worker and keeps it there. */
  create(cls: "Consolidation"): Promise<Kept<dvctt.Consolidation>>;
  /** Opens a PieceReader (`PieceReader.open`) in the worker and keeps it there; null when the file is not read in pieces. */
  create(cls: "PieceReader", ...args: Parameters<typeof dvctt.PieceReader.open>): Promise<Kept<dvctt.PieceReader> | null>;
  /** Calls a method of a kept object (a Records, a Consolidation) in the worker. */
  invoke<T, M extends keyof T>(kept: Kept<T>, method: M, ...args: T[M] extends (...a: infer A) => any ? Sent<A> : never): Promise<T[M] extends (...a: any[]) => infer R ? Awaited<R> : never>;
  /** Frees a kept value. */
  drop(kept: Kept<unknown>): Promise<boolean>;
  /** Stops the worker. */
  terminate(): void;
};

/** Starts dvctt in a new module Web Worker. */
export function createWorker(options?: { worker?: Worker }): DvcttWorker;
