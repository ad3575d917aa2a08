/** The cost model: a run's memory and work before it starts (docs/cost-model.md). */
export { estimateMemory, kernelFamily, type KernelFamily, type MemoryEstimate } from './memory';
export { estimateWork, type WorkEstimate } from './work';
export { backendLimits, WASM_HEAP_MAX, WASM_MARGIN, type BackendLimits, type GpuBufferLimits } from './limits';
export { estimateRun, fits, type EstimateOptions, type RunEstimate } from './estimate';
export { refusal, type Refusal } from './advice';
export { BENCH_FLOP_RATE, MIN_STALL_SECONDS, remainingTime, stallSeconds, type TimeEstimate } from './rate';
export { formatBytes, formatSeconds } from './format';
export { laneParams, mlpParams, rnnParams, transformerParams } from './params';
