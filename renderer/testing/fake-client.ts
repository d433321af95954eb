/**
 * A scripted `ApiClient` for store tests: each method answers what the test said (a
 * value, a function of the request, or an `ApiError`), every call is recorded, and the
 * test emits push events as the engine would.
 */
import type { ApiClient, ApiMethod, ApiRequest, ApiResponse } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { EventName, Events } from '../../shared/events';
import type { JobProgress } from '../../shared/jobs';

type Answer<M extends ApiMethod> =
  ApiResponse<M> | ((request: ApiRequest<M>) => ApiResponse<M> | Promise<ApiResponse<M>>);

export class FakeClient implements ApiClient {
  readonly calls: Array<{ method: ApiMethod; request: unknown }> = [];
  private readonly answers = new Map<ApiMethod, (request: unknown) => unknown>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  /** Script a method's answer; later answers replace earlier ones. */
  answer<M extends ApiMethod>(method: M, answer: Answer<M>): this {
    this.answers.set(method, (request) =>
      typeof answer === 'function' ? (answer as (r: unknown) => unknown)(request) : answer,
    );
    return this;
  }

  /** Make a method fail as the engine would, with a sentence for people. */
  fail(method: ApiMethod, message: string, code: ApiError['code'] = 'INVALID_INPUT'): this {
    this.answers.set(method, () => {
      throw new ApiError(code, message);
    });
    return this;
  }

  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    this.calls.push({ method, request });
    const answer = this.answers.get(method);
    if (!answer) throw new ApiError('INTERNAL', `The test did not script ${method}.`);
    return (await answer(request)) as ApiResponse<M>;
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  /** The requests sent to one method, in order. */
  requests<M extends ApiMethod>(method: M): Array<ApiRequest<M>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.request as ApiRequest<M>);
  }
}

/** A `job.progress` payload with only what a test cares about filled in. */
export function jobEvent(
  jobId: string,
  state: JobProgress['state'],
  extra: Partial<JobProgress> = {},
): JobProgress {
  return {
    jobId,
    kind: 'test',
    label: 'Test job',
    state,
    fraction: state === 'running' ? 0.5 : 1,
    stage: state,
    startedAt: 1,
    etaMs: null,
    ...extra,
  };
}

/** Let pending promise callbacks (a store's awaited calls) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
