/**
 * The fake Discord gateway (WebSocket, JSON encoding, no compression) behind FakeDiscordServer.
 * It speaks just enough of the v10 protocol for discord.js: Hello → Identify → READY (+ the
 * GUILD_CREATEs that make discord.js mark itself ready), heartbeat ACKs, Resume with replay of
 * missed dispatches, and member-chunk requests. Unsupported connection options close the socket
 * with an unrecoverable code so a misconfigured client fails fast instead of reconnecting forever.
 */
import type { Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import type { LoopbackServer } from './http-util.ts';
import { snowflake } from './discord-model.ts';

type Json = Record<string, unknown>;

/** What the gateway asks its owner for. */
export interface GatewayHooks {
  heartbeatIntervalMs: number;
  /** If set, Identify with another token closes with 4004 Authentication failed. */
  token?: string;
  /** READY `d` minus session fields. */
  ready(): Json;
  /** GUILD_CREATE payloads to send after READY. */
  guildCreates(): Json[];
  /** GUILD_MEMBERS_CHUNK `d` for an op 8 request, or null. */
  membersChunk(d: Json): Json | null;
}

/** One frame received from a client. */
export interface GatewayFrame { op: number; d: unknown; at: number }

interface Session { id: string; seq: number; intents: number; log: { s: number; t: string; d: unknown }[]; ws?: WebSocket }

/** Gateway state and control (see file comment). */
export class FakeGateway {
  /** Every frame clients sent (identify, heartbeats, presence, resume …). */
  readonly frames: GatewayFrame[] = [];
  /** Close codes the fake sent, with reasons, for diagnosing a client that would not connect. */
  readonly closes: { code: number; reason: string }[] = [];
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private session: Session | undefined;
  private url = '';

  constructor(private readonly hooks: GatewayHooks) {}

  /** Serves WebSocket upgrades on the given loopback server; returns the ws:// URL. */
  attach(lb: LoopbackServer): string {
    this.url = lb.url.replace(/^http/, 'ws');
    lb.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      lb.track(socket);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
    });
    return this.url;
  }

  /** Intents from the current session's Identify (0 before any). */
  get intents(): number {
    return this.session?.intents ?? 0;
  }

  /** True when a session is identified and its socket is open. */
  get connected(): boolean {
    return this.session?.ws?.readyState === WebSocket.OPEN;
  }

  /** The current session id (READY's session_id), if any. */
  get sessionId(): string | undefined {
    return this.session?.id;
  }

  /**
   * Sends a dispatch (op 0) to the current session. While the socket is down the event is kept and
   * replayed on Resume, like Discord. Throws if no client ever identified (await ready first).
   */
  dispatch(t: string, d: unknown): number {
    const s = this.session;
    if (!s) throw new Error(`FakeDiscordServer: cannot dispatch ${t}: no client has identified on the gateway yet (await the client's ready event first)`);
    s.seq += 1;
    s.log.push({ s: s.seq, t, d });
    if (s.ws?.readyState === WebSocket.OPEN) s.ws.send(JSON.stringify({ op: 0, t, s: s.seq, d }));
    return s.seq;
  }

  /** Closes every client socket with `code` (4000 makes discord.js resume; 4004 ends it). */
  disconnectAll(code = 4000, reason = 'fake disconnect'): void {
    for (const ws of this.wss.clients) this.close(ws, code, reason);
  }

  /** Terminates all sockets at once. */
  stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private close(ws: WebSocket, code: number, reason: string): void {
    this.closes.push({ code, reason });
    ws.close(code, reason);
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    if ((q.get('v') ?? '10') !== '10') return this.close(ws, 4012, 'Invalid API version (fake supports v=10)');
    if ((q.get('encoding') ?? 'json') !== 'json') return this.close(ws, 4012, 'fake gateway supports encoding=json only');
    if (q.has('compress')) return this.close(ws, 4012, 'fake gateway does not support compress (uninstall zlib-sync)');
    const send = (payload: Json): void => ws.send(JSON.stringify(payload));
    send({ op: 10, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs, _trace: ['fake-gateway'] }, s: null, t: null });
    ws.on('message', (raw) => {
      let frame: { op?: number; d?: unknown };
      try {
        frame = JSON.parse(String(raw)) as { op?: number; d?: unknown };
      } catch {
        return this.close(ws, 4002, 'Decode error');
      }
      const op = Number(frame.op);
      const d = frame.d as Json;
      this.frames.push({ op, d: frame.d, at: Date.now() });
      switch (op) {
        case 1: return send({ op: 11, d: null, s: null, t: null });
        case 2: return this.identify(ws, d);
        case 6: return this.resume(ws, d);
        case 8: {
          const chunk = this.hooks.membersChunk(d);
          if (chunk && this.session?.ws === ws) this.dispatch('GUILD_MEMBERS_CHUNK', chunk);
          return;
        }
        case 3: case 4: return;
        default: return this.close(ws, 4001, `Unknown opcode ${op}`);
      }
    });
    ws.on('close', () => {
      if (this.session?.ws === ws) this.session.ws = undefined;
    });
  }

  private identify(ws: WebSocket, d: Json): void {
    if (this.hooks.token !== undefined && d.token !== this.hooks.token) return this.close(ws, 4004, 'Authentication failed.');
    if (d.compress === true) return this.close(ws, 4012, 'fake gateway does not support identify compression');
    this.session?.ws?.terminate();
    this.session = { id: snowflake(), seq: 0, intents: Number(d.intents ?? 0), log: [], ws };
    const guilds = this.hooks.guildCreates();
    this.dispatch('READY', {
      v: 10, ...this.hooks.ready(), guilds: guilds.map((g) => ({ id: g.id, unavailable: true })), session_id: this.session.id,
      session_type: 'normal', resume_gateway_url: this.url, shard: (d.shard as unknown[] | undefined) ?? [0, 1],
      private_channels: [], presences: [], relationships: [], guild_join_requests: [], geo_ordered_rtc_regions: [], user_settings: {}, _trace: ['fake-gateway'],
    });
    for (const g of guilds) this.dispatch('GUILD_CREATE', g);
  }

  private resume(ws: WebSocket, d: Json): void {
    const s = this.session;
    if (!s || s.id !== d.session_id) {
      ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    if (this.hooks.token !== undefined && d.token !== this.hooks.token) return this.close(ws, 4004, 'Authentication failed.');
    s.ws = ws;
    const from = Number(d.seq ?? 0);
    for (const e of s.log) if (e.s > from) ws.send(JSON.stringify({ op: 0, t: e.t, s: e.s, d: e.d }));
    this.dispatch('RESUMED', { _trace: ['fake-gateway'] });
  }
}
