import {
  type CustomizeVariantOptions,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
  newQuickJSWASMModuleFromVariant,
  newVariant,
} from "quickjs-emscripten-core";

// Loading the WebAssembly module is the expensive part (~300 ms cold, ~6 ms warm), so one module is
// kept per process/tab; every run still gets its own runtime and context (see quickjs-session.ts).
export interface QuickJSEngine {
  loadModule(): Promise<QuickJSWASMModule>;
  /**
   * Forget the module after QuickJS may have been left in a broken state (out of memory, stack
   * overflow, a failed dispose: quickjs-emscripten#257); the next run loads a fresh instance.
   */
  discardModule(module: QuickJSWASMModule): void;
}

const silent = (): void => undefined;
const WASM_PAGE = 64 * 1024;
// Emscripten's default initial heap; the module's memory import needs at least this much.
const INITIAL_HEAP_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_HEAP_BYTES = 64 * 1024 * 1024;

export interface QuickJSEngineOptions {
  /**
   * Hard cap on the module's whole WebAssembly heap. QuickJS's own memory limit only bounds each
   * allocation in Emscripten builds, not their total (quickjs-emscripten#255, #271): without this
   * cap, many 1 MB strings or typed arrays grow the heap to 2 GB, and WebAssembly memory never
   * shrinks. With it, the run fails with "out of memory" and the module is replaced.
   */
  maxHeapBytes?: number;
}

export function createQuickJSEngine(
  baseVariant: QuickJSSyncVariant,
  options: QuickJSEngineOptions = {},
): QuickJSEngine {
  // Emscripten prints "Aborted(...)" on an internal assertion; we recover from those ourselves.
  const emscriptenModule: NonNullable<CustomizeVariantOptions["emscriptenModule"]> & {
    print(): void;
    printErr(): void;
  } = {
    print: silent,
    printErr: silent,
  };
  const maximum = Math.ceil(Math.max(options.maxHeapBytes ?? DEFAULT_MAX_HEAP_BYTES, INITIAL_HEAP_BYTES) / WASM_PAGE);
  // A loader, not a value: every (re)loaded module gets a fresh memory.
  const wasmMemory = async () => new WebAssembly.Memory({ initial: INITIAL_HEAP_BYTES / WASM_PAGE, maximum });
  const variant = newVariant(baseVariant, { emscriptenModule, wasmMemory });
  let loading: Promise<QuickJSWASMModule> | undefined;
  let loaded: QuickJSWASMModule | undefined;

  return {
    loadModule() {
      if (loading) return loading;
      const attempt: Promise<QuickJSWASMModule> = newQuickJSWASMModuleFromVariant(variant).then(
        (module) => {
          if (loading === attempt) loaded = module;
          return module;
        },
        (error: unknown) => {
          if (loading === attempt) loading = undefined;
          throw error;
        },
      );
      loading = attempt;
      return attempt;
    },
    discardModule(module) {
      if (loaded !== module) return;
      loaded = undefined;
      loading = undefined;
    },
  };
}
