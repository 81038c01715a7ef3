/** One field-level problem in a request, for clients that highlight the offending input. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  status: number;
  /** A short slug; the problem's `type` is derived from it. */
  code: string;
  title: string;
  detail?: string;
  errors?: FieldProblem[];
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type of every podtalk service. It carries its HTTP status,
 * so domain code can say "not found" without knowing about Express.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[] | undefined;
  readonly headers: Record<string, string>;

  constructor(options: AppErrorOptions) {
    super(options.detail ?? options.title, { cause: options.cause });
    this.name = 'AppError';
    this.status = options.status;
    this.code = options.code;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export const problemType = (code: string) => `urn:podtalk:problem:${code}`;
