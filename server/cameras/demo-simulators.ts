// Demo mode: a few simulated ONVIF cameras on 127.0.0.2, 127.0.0.3, … so a newcomer can try discovery and
// "add by ONVIF" without a camera. They answer ONVIF (device, media, PTZ, snapshot) and WS-Discovery on `lo`;
// they have no RTSP video behind them.
import type { Logger } from 'pino';
import { intToIp, ipToInt } from '../discovery/ip-range.ts';
import { startOnvifSimulator, type OnvifSimulator } from '../onvif/simulator/onvif-simulator.ts';

export interface DemoSimulatorOptions {
  count: number;
  firstAddress: string;
  username: string;
  password: string;
}

export interface DemoSimulators {
  addresses: string[];
  close(): Promise<void>;
}

const MODELS = ['SIM-IPC-1080', 'SIM-PTZ-2MP', 'SIM-DOME-4MP', 'SIM-BULLET-5MP'];

export async function startDemoSimulators(o: DemoSimulatorOptions, logger: Logger): Promise<DemoSimulators> {
  const first = ipToInt(o.firstAddress);
  const sims: OnvifSimulator[] = [];
  if (first === null || o.firstAddress.split('.')[0] !== '127') {
    logger.warn({ firstAddress: o.firstAddress }, 'demo ONVIF simulators live on loopback only (127.x.x.x): none started');
  } else {
    for (let i = 0; i < o.count; i++) {
      const address = intToIp(first + i);
      try {
        sims.push(await startOnvifSimulator({
          address,
          credentials: { username: o.username, password: o.password },
          device: { manufacturer: 'MatThan Sim', model: MODELS[i % MODELS.length]! },
          name: `Camera mô phỏng ${i + 1}`,
          ptz: i % 2 === 0,
        }));
      } catch (err) {
        logger.warn({ address, err: (err as Error).message }, 'demo ONVIF simulator could not start');
      }
    }
  }
  return {
    addresses: sims.map((s) => s.address),
    close: async () => {
      await Promise.all(sims.map((s) => s.close()));
    },
  };
}
