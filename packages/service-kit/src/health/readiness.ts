import { within } from '../lifecycle/within.js';
/** A dependency check for /readyz. It must settle quickly; Readiness bounds it anyway. */
export type ReadinessCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  reason?: string;
}

/**
 * Whether this pod should receive traffic. Kubernetes reads it through /readyz and
 * adds or removes the pod from its Service's endpoints.
 */
export class Readiness {
  #ready = false;
  #draining = false;

  constructor(
    private readonly checks: Record<string, ReadinessCheck> = {},
    private readonly checkTimeoutMs = 1_000,
  ) {}

  /** Startup finished (or an operator says so); flips back to false on request. */
  setReady(ready: boolean): void {
    this.#ready = ready;
  }

  /** Shutdown started: not ready from now on, whatever anyone sets. */
  startDraining(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  get ready(): boolean {
    return this.#ready && !this.#draining;
  }

  async report(): Promise<ReadinessReport> {
    if (this.#draining) return { ready: false, reason: 'shutting down' };
    if (!this.#ready) return { ready: false, reason: 'not ready' };
    for (const [name, check] of Object.entries(this.checks)) {
      try {
        await within(
          check(),
          this.checkTimeoutMs,
          () => new Error(`no answer within ${this.checkTimeoutMs} ms`),
        );
      } catch (error) {
        return { ready: false, reason: `${name}: ${(error as Error).message}` };
      }
    }
    return { ready: true };
  }
}
