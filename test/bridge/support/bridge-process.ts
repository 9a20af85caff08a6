/** The bridge as its own process (`npm start -w @chargex/bridge`), so tests can kill -9 it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BridgeEndpoints } from '@chargex/bridge';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export class BridgeProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly endpoints: BridgeEndpoints,
    readonly output: string[],
  ) {}

  /** Starts `bridge/src/main.ts` with CHARGEX_BRIDGE_* `env` (log level info at least); resolves once it logged "bridge started". */
  static start(env: Record<string, string>, timeoutMs = 30_000): Promise<BridgeProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bridge/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`bridge did not start in ${timeoutMs} ms:\n${output.join('')}`));
      }, timeoutMs);
      let partial = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        partial += chunk.toString('utf8');
        const lines = partial.split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          output.push(`${line}\n`);
          if (line.includes('"msg":"bridge started"')) {
            clearTimeout(timer);
            const logged = JSON.parse(line) as BridgeEndpoints;
            resolve(new BridgeProcess(child, { ingestUrl: logged.ingestUrl, opsUrl: logged.opsUrl, mqttUrl: logged.mqttUrl, tlsCertificate: undefined }, output));
          }
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bridge exited with ${code}:\n${output.join('')}`));
      });
    });
  }

  /** kill -9: no shutdown code runs. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: a clean stop. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
