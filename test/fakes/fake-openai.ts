/**
 * FakeOpenAIServer: an OpenAI-compatible `POST /v1/chat/completions` (+ `GET /v1/models`) for tests
 * that run the real `openai` SDK (`new OpenAI({ baseURL: url + '/v1', apiKey: 'x' })`). Tests script
 * each answer (text chunks, tool calls with fragmented arguments, delays, HTTP errors, a dropped
 * socket mid-stream) and assert on the recorded requests. It also rejects malformed conversations
 * the way OpenAI does (orphan tool messages, unanswered tool_calls), because an assistant's tool
 * loop is where that bug lives.
 */
import type http from 'node:http';
import type { Clock } from '../../src/core/clock.ts';
import { drivable, driveUntil } from './clock-driver.ts';
import { pollUntil, readBody, sendJson, startLoopbackServer, type LoopbackServer } from './http-util.ts';

type Json = Record<string, unknown>;

/** One scripted answer. Without content or toolCalls it answers with an empty assistant message. */
export interface OpenAIStep {
  /** Text; an array is sent as one stream chunk per element (joined when not streaming). */
  content?: string | string[];
  /** Tool calls; `arguments` is raw text (may be invalid JSON on purpose), streamed in `argumentFragments` pieces (default 3). */
  toolCalls?: { name: string; arguments: string; id?: string; argumentFragments?: number }[];
  /** Wait before the response starts (headers included). */
  delayFirstMs?: number;
  /** Wait between stream chunks. */
  chunkDelayMs?: number;
  /** Answer with this HTTP error instead (OpenAI-shaped body). */
  status?: number;
  errorMessage?: string;
  /** Seconds, sent as `retry-after` (and `retry-after-ms`). */
  retryAfter?: number;
  /** Destroy the socket after this many SSE events (non-streamed: before answering). */
  dropAfterChunks?: number;
  /** After this many SSE events send `data: {"error": ...}` (what proxies/compatible servers do) and end. */
  errorAfterChunks?: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
  finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
}

/** A step, or a function of the recorded request for answers that depend on the conversation. */
export type OpenAIScript = OpenAIStep | ((req: RecordedChatRequest) => OpenAIStep | Promise<OpenAIStep>);

/** One recorded chat completion request. */
export interface RecordedChatRequest {
  body: Json;
  model: string;
  messages: Json[];
  tools: Json[];
  stream: boolean;
  authorization?: string;
  /** Arrival time (ms) on the fake's clock (the wall clock by default). */
  at: number;
  /** True if the client went away before the answer finished (e.g. aborted). */
  aborted: boolean;
  /** The HTTP status answered. */
  status?: number;
}

/** Options for the fake. */
export interface FakeOpenAIOptions {
  /** Ids listed by GET /v1/models. */
  models?: string[];
  /** Check conversation shape like OpenAI (default true). */
  validate?: boolean;
  /**
   * Clock for `delayFirstMs`/`chunkDelayMs` and each request's `at` (default the wall clock). With
   * the app's FakeClock a scripted stream costs no real time; `waitFor` then moves the clock.
   */
  clock?: Clock;
}

/** Fake OpenAI chat completions server (see file comment). */
export class FakeOpenAIServer {
  /** Every chat completion request, in order. */
  readonly requests: RecordedChatRequest[] = [];
  private readonly queue: OpenAIScript[] = [];
  private fallback: OpenAIScript | undefined;
  private server: LoopbackServer | undefined;
  private seq = 0;

  constructor(private readonly options: FakeOpenAIOptions = {}) {}

  /** Starts listening; returns the base URL (give the SDK `baseURL: url + '/v1'`). */
  async start(): Promise<string> {
    this.server = await startLoopbackServer((req, res) => this.handle(req, res));
    return this.server.url;
  }

  /** Destroys every socket (in-flight streams end with a network error on the client). */
  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  /** Queues answers, used one per request in order. */
  enqueue(...steps: OpenAIScript[]): void {
    this.queue.push(...steps);
  }

  /** The answer when the queue is empty (otherwise an unscripted request gets a 400 naming it). */
  setDefault(step: OpenAIScript | undefined): void {
    this.fallback = step;
  }

  /** Scripted answers not used yet. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves with the first recorded request matching `predicate`; rejects with a summary on timeout. */
  waitFor(predicate: (r: RecordedChatRequest) => boolean, timeoutMs = 2_000): Promise<RecordedChatRequest> {
    const describe = () => `${this.requests.length} request(s): ${this.requests.map((r) => `${r.model} [${r.messages.map((m) => m.role).join(',')}] -> ${r.status ?? '…'}`).join('; ')}`;
    const clock = drivable(this.options.clock);
    if (clock) return driveUntil(clock, () => this.requests.find(predicate), { timeoutMs, label: 'FakeOpenAIServer.waitFor', describe });
    return pollUntil(() => this.requests.find(predicate), timeoutMs, 'FakeOpenAIServer.waitFor', describe);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: (this.options.models ?? ['gpt-fake']).map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      apiError(res, 404, `Unknown request URL: ${req.method} ${path}`, 'invalid_request_error');
      return;
    }
    let json: Json;
    try {
      json = JSON.parse(body.toString('utf8')) as Json;
    } catch {
      apiError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
      return;
    }
    const rec: RecordedChatRequest = {
      body: json, model: String(json.model ?? ''), messages: (json.messages as Json[] | undefined) ?? [], tools: (json.tools as Json[] | undefined) ?? [],
      stream: json.stream === true, at: (this.options.clock?.now() ?? new Date()).getTime(), aborted: false, ...(req.headers.authorization && { authorization: req.headers.authorization }),
    };
    this.requests.push(rec);
    res.on('close', () => { if (!res.writableFinished) rec.aborted = true; });
    const invalid = this.options.validate === false ? null : validateRequest(json);
    if (invalid) {
      rec.status = apiError(res, 400, invalid, 'invalid_request_error');
      return;
    }
    const script = this.queue.shift() ?? this.fallback;
    if (!script) {
      rec.status = apiError(res, 400, `FakeOpenAIServer: no response scripted for request #${this.requests.length} (enqueue one)`, 'invalid_request_error');
      return;
    }
    const step = typeof script === 'function' ? await script(rec) : script;
    if (!(await pause(step.delayFirstMs, res, this.options.clock))) return;
    if (step.status !== undefined && step.status >= 400) {
      const headers: Record<string, string> = step.retryAfter !== undefined ? { 'retry-after': String(step.retryAfter), 'retry-after-ms': String(Math.round(step.retryAfter * 1000)) } : {};
      const type = step.status === 429 ? 'requests' : step.status >= 500 ? 'server_error' : 'invalid_request_error';
      const message = step.errorMessage ?? (step.status === 429 ? 'Rate limit reached for requests' : step.status === 503 ? 'The server is overloaded or not ready yet.' : `Fake error ${step.status}`);
      rec.status = apiError(res, step.status, message, type, step.status === 429 ? 'rate_limit_exceeded' : null, headers);
      return;
    }
    rec.status = 200;
    const id = `chatcmpl-fake-${++this.seq}`;
    if (rec.stream) await this.stream(res, step, id, rec);
    else if (step.dropAfterChunks !== undefined) res.destroy();
    else sendJson(res, 200, completion(step, id, rec.model));
  }

  private async stream(res: http.ServerResponse, step: OpenAIStep, id: string, rec: RecordedChatRequest): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_${id}` });
    const includeUsage = (rec.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: rec.model, system_fingerprint: null, service_tier: 'default', ...(includeUsage && { usage: null }) };
    const chunk = (delta: Json, finish: string | null = null): Json => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    const events: Json[] = [];
    const pieces = typeof step.content === 'string' ? [step.content] : (step.content ?? []);
    const calls = step.toolCalls ?? [];
    if (pieces.length > 0 || calls.length === 0) {
      events.push(chunk({ role: 'assistant', content: '', refusal: null }));
      for (const p of pieces) events.push(chunk({ content: p }));
    }
    calls.forEach((c, index) => {
      const head = { index, id: c.id ?? `call_fake_${this.seq}_${index}`, type: 'function', function: { name: c.name, arguments: '' } };
      events.push(chunk(events.length === 0 ? { role: 'assistant', content: null, refusal: null, tool_calls: [head] } : { tool_calls: [head] }));
      for (const frag of split(c.arguments, c.argumentFragments ?? 3)) events.push(chunk({ tool_calls: [{ index, function: { arguments: frag } }] }));
    });
    events.push(chunk({}, step.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop')));
    if (includeUsage) events.push({ ...base, choices: [], usage: usageOf(step) });
    for (const [i, ev] of events.entries()) {
      if (step.dropAfterChunks !== undefined && i >= step.dropAfterChunks) return void res.destroy();
      if (step.errorAfterChunks !== undefined && i >= step.errorAfterChunks) {
        res.end(`data: ${JSON.stringify({ error: { message: step.errorMessage ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } })}\n\n`);
        return;
      }
      if (i > 0 && !(await pause(step.chunkDelayMs, res, this.options.clock))) return;
      if (res.destroyed) return;
      await new Promise<void>((resolve) => res.write(`data: ${JSON.stringify(ev)}\n\n`, () => resolve())); // flushed before any drop
    }
    res.end('data: [DONE]\n\n');
  }
}

/** Sends an OpenAI-shaped error; returns the status for recording. */
function apiError(res: http.ServerResponse, status: number, message: string, type: string, code: string | null = null, headers: Record<string, string> = {}): number {
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
  return status;
}

/** Waits `ms` (on `clock` when given) unless the client goes away first; false when it did. */
function pause(ms: number | undefined, res: http.ServerResponse, clock?: Clock): Promise<boolean> {
  if (!ms || ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => { cancel(); res.off('close', onClose); resolve(ok); };
    const onClose = (): void => done(false);
    const cancel = clock ? clock.setTimeout(() => done(!res.destroyed), ms) : cancelable(setTimeout(() => done(!res.destroyed), ms));
    res.on('close', onClose);
  });
}

/** A real timer as a cancel function. */
function cancelable(timer: ReturnType<typeof setTimeout>): () => void {
  return () => clearTimeout(timer);
}

function split(text: string, n: number): string[] {
  if (text === '' || n <= 1) return [text];
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function usageOf(step: OpenAIStep): Json {
  const p = step.usage?.prompt_tokens ?? 10;
  const c = step.usage?.completion_tokens ?? 5;
  return { prompt_tokens: p, completion_tokens: c, total_tokens: p + c, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } };
}

function completion(step: OpenAIStep, id: string, model: string): Json {
  const content = typeof step.content === 'string' ? step.content : step.content?.join('') ?? null;
  const calls = (step.toolCalls ?? []).map((c, i) => ({ id: c.id ?? `call_fake_${i}`, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return {
    id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, system_fingerprint: null, service_tier: 'default',
    choices: [{ index: 0, message: { role: 'assistant', content: calls.length && content === '' ? null : content, refusal: null, annotations: [], ...(calls.length > 0 && { tool_calls: calls }) }, logprobs: null, finish_reason: step.finishReason ?? (calls.length ? 'tool_calls' : 'stop') }],
    usage: usageOf(step),
  };
}

/** OpenAI's own 400s for malformed conversations; null when the request is acceptable. */
export function validateRequest(body: Json): string | null {
  if (typeof body.model !== 'string' || body.model === '') return 'you must provide a model parameter';
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return "[] is too short - 'messages'";
  let open: string[] = [];
  for (const [i, m] of (messages as Json[]).entries()) {
    const role = m.role;
    if (!['system', 'developer', 'user', 'assistant', 'tool', 'function'].includes(String(role))) return `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`;
    if (role === 'tool') {
      const id = String(m.tool_call_id ?? '');
      if (!open.includes(id)) return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.`;
      open = open.filter((x) => x !== id);
      continue;
    }
    if (open.length > 0) return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`;
    if (role === 'assistant' && Array.isArray(m.tool_calls)) open = (m.tool_calls as Json[]).map((c) => String(c.id));
    if (role !== 'assistant' && m.content === undefined) return `Missing required parameter: 'messages[${i}].content'.`;
  }
  if (open.length > 0) return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`;
  return null;
}
