/**
 * Node worker thread behind ThreadedTrainer: one JsTrainer or SimdTrainer on its share
 * of the instances. Messages: {op:'step',k} | {op:'read'} | {op:'set',W,b} | {op:'freeze',mask}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TrainConfig } from '../../model/config';
import { JsTrainer } from '../basic/js-trainer';
import { SimdTrainer } from '../basic/simd-trainer';
import type { ThreadedPath } from './threaded-trainer';

const port = parentPort;
if (!port) throw new Error('trainer-thread must run as a worker thread');
const { config, path } = workerData as { config: TrainConfig; path: ThreadedPath };
const trainer = path === 'simd' ? await SimdTrainer.create(config) : new JsTrainer(config);

port.on(
  'message',
  async (msg: { id: number; op: string; k?: number; W?: Float32Array; b?: Float32Array; mask?: Uint8Array }) => {
    try {
      switch (msg.op) {
        case 'step':
          trainer.stepSync(msg.k ?? 1);
          port.postMessage({ id: msg.id });
          break;
        case 'read': {
          const st = await trainer.read();
          const transfer = [
            st.W.buffer,
            st.b.buffer,
            st.loss.buffer,
            st.meanLoss!.buffer,
            st.meanLossSteps!.buffer,
          ] as ArrayBuffer[];
          port.postMessage({ id: msg.id, state: st }, transfer);
          break;
        }
        case 'set':
          trainer.setParams(msg.W!, msg.b!);
          port.postMessage({ id: msg.id });
          break;
        case 'freeze':
          trainer.freeze(msg.mask!);
          port.postMessage({ id: msg.id });
          break;
        default:
          port.postMessage({ id: msg.id, error: `unknown op ${msg.op}` });
      }
    } catch (e) {
      port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  },
);
