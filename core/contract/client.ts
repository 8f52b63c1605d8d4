// The renderer's typed client: api.users.create(input) -> Promise<output>, derived from the
// contract type. Failures reject with ApiError carrying the stable code and Vietnamese message.
import type { AppErrorShape, ErrorCode, Result } from '../errors';
import type { OpInput, OpName, OpOutput } from './index';

export type Transport = (name: OpName, input: unknown) => Promise<Result<unknown>>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[] | undefined;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

type AreaOf<N> = N extends `${infer A}.${string}` ? A : never;
export type Api = {
  [A in AreaOf<OpName>]: {
    [N in OpName as N extends `${A}.${infer V}` ? V : never]: (
      input: OpInput<N>,
    ) => Promise<OpOutput<N>>;
  };
};

export function createClient(transport: Transport): Api {
  return new Proxy({} as Api, {
    get: (_target, area: string) =>
      new Proxy(
        {},
        {
          get: (_t, verb: string) => async (input: unknown) => {
            const result = await transport(`${area}.${verb}` as OpName, input ?? {});
            if (!result.ok) throw new ApiError(result.error);
            return result.value;
          },
        },
      ),
  });
}
