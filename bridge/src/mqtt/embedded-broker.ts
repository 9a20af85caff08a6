import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from '../infra/logger.js';
import type { Feature } from '../features/feature.js';

/**
 * The broker the bridge runs in its own process when no external one is configured (aedes, in memory): devices
 * and the bridge's own MQTT client connect to it over TCP like to any broker.
 */
export class EmbeddedBroker implements Feature {
  private broker: Aedes | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly logger: Logger,
  ) {}

  /** mqtt://host:port of the running broker (the port it really got, when 0 was asked for). */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the embedded broker is not running');
    const host = this.host === '0.0.0.0' ? '127.0.0.1' : this.host;
    return `mqtt://${host}:${address.port}`;
  }

  async start(): Promise<void> {
    const broker = await Aedes.createBroker();
    broker.on('clientError', (client, error) => this.logger.debug('mqtt client error', { client: client.id, error }));
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      broker.handle(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.broker = broker;
    this.server = server;
    this.logger.info('embedded MQTT broker listening', { url: this.url });
  }

  async stop(): Promise<void> {
    const { broker, server } = this;
    this.broker = undefined;
    this.server = undefined;
    await new Promise<void>((resolve) => (broker ? broker.close(() => resolve()) : resolve()));
    // Clients that keep their connection open would hold server.close() forever.
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
