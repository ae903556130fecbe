/**
 * Training worker entry: TF.js lives only here, off the UI thread. Thin by design: the API is
 * built in src/ml/training-service.ts (tested in Node) and only exposed here.
 */
import { expose } from 'comlink';
import type { TrainingApi } from '../src/contracts/training';
import { createTrainingService } from '../src/ml/training-service';
import { configureWasmPaths } from '../src/ml/wasm-paths';

configureWasmPaths();

expose(createTrainingService() satisfies TrainingApi);
