/**
 * Building blocks for the contract: how one method is described and checked. Each
 * capability declares its methods as an interface of `Method<Req, Res>` plus one zod
 * schema per method; `api.ts` intersects them into the single `Api` table. zod is plain
 * JavaScript (no Node or DOM), so the renderer, the main process and the server can
 * all validate against the same schemas.
 */
import type { z } from 'zod';

export interface Method<Req, Res> {
  request: Req;
  response: Res;
}

/** One zod schema per method of a capability, checked by the compiler against its interface. */
export type RequestSchemas<T extends { [K in keyof T]: Method<unknown, unknown> }> = {
  [M in keyof T]: z.ZodType<T[M]['request']>;
};
